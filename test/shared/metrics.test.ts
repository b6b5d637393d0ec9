import { Logger } from '@aws-lambda-powertools/logger';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { METRIC, METRICS_NAMESPACE, powertoolsMetrics } from '#shared/metrics.ts';

// What CloudWatch reads: EMF JSON lines on stdout. The alarms in infra name the namespace, the metric and the
// `service` dimension exactly, so the line itself is what is checked here.
function captureStdout() {
  const lines: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  return { lines, restore: () => spy.mockRestore() };
}

interface Emf {
  _aws: {
    CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: { Name: string; Unit: string }[] }[];
  };
  [key: string]: unknown;
}

const silent = new Logger({ serviceName: 'metrics-test', logLevel: 'SILENT' });
afterEach(() => vi.restoreAllMocks());

describe('powertoolsMetrics', () => {
  it.each([
    ['reminders', METRIC.sarsOverdue, 3],
    ['escalation', METRIC.mailDeadLettered, 0],
  ])('writes %s’s %s as one EMF line: namespace, Count, dimension service only', (service, name, value) => {
    // As in Lambda: neither dev mode nor disabled (either would keep the line off stdout).
    vi.stubEnv('POWERTOOLS_DEV', 'false');
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const metrics = powertoolsMetrics(service, silent);
    const out = captureStdout();
    try {
      metrics.count(name, value);
      metrics.flush();
    } finally {
      out.restore();
      vi.unstubAllEnvs();
    }
    expect(out.lines).toHaveLength(1);
    const emf = JSON.parse(out.lines[0]!) as Emf;
    expect(emf._aws.CloudWatchMetrics).toEqual([
      { Namespace: 'PrivacyNoticeAssistant', Dimensions: [['service']], Metrics: [{ Name: name, Unit: 'Count' }] },
    ]);
    expect(emf.service).toBe(service);
    expect(emf[name]).toBe(value);
    expect(METRICS_NAMESPACE).toBe('PrivacyNoticeAssistant');
  });

  it('does not throw outside Lambda, even when flushed with nothing stored (it only warns)', () => {
    const metrics = powertoolsMetrics('reminders', silent);
    const out = captureStdout();
    try {
      expect(() => metrics.flush()).not.toThrow();
    } finally {
      out.restore();
    }
    expect(out.lines).toEqual([]);
  });
});
