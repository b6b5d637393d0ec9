/**
 * The figures CloudWatch alarms watch, written as Embedded Metric Format (EMF) log lines by Powertools: CloudWatch
 * turns them into metrics from the function's own log group, with no PutMetricData call, no extra permission and
 * no latency. The handlers see only the small port below, so their tests count with a fake and the local server
 * logs the figures instead of writing EMF.
 */
import type { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

/** The one namespace every metric of the product is in (infra's alarms name it). */
export const METRICS_NAMESPACE = 'PrivacyNoticeAssistant';

/**
 * The metric names infra alarms on, each with the single dimension `service` (the function's service name:
 * `reminders`, `escalation`). Each is emitted on every run, 0 included, so an alarm sees "none" as a value and
 * a missing datapoint means the run did not finish.
 */
export const METRIC = {
  /** Open SAR cases past their statutory due date, all councils together (service=reminders). */
  sarsOverdue: 'SarsOverdue',
  /** Emails in the dead-letter state: every retry given up on, waiting for a person (service=escalation). */
  mailDeadLettered: 'MailDeadLettered',
} as const;

/** What a scheduled handler reports: counts, written out once at the end of its run. */
export interface MetricsPort {
  count(name: string, value: number): void;
  flush(): void;
}

/**
 * The Powertools EMF writer for one function: namespace PrivacyNoticeAssistant, default dimension
 * `service=<serviceName>`. Outside Lambda it writes the same JSON to stdout (POWERTOOLS_DEV or
 * POWERTOOLS_METRICS_DISABLED turn that off); its warning for a flush with nothing stored goes to the logger.
 */
export function powertoolsMetrics(serviceName: string, logger?: Logger): MetricsPort {
  const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName, ...(logger ? { logger } : {}) });
  return {
    count: (name, value) => metrics.addMetric(name, MetricUnit.Count, value),
    flush: () => metrics.publishStoredMetrics(),
  };
}

/** For runs with no CloudWatch (the local server): each figure as a debug log line instead. */
export function loggedMetrics(logger: Logger): MetricsPort {
  return {
    count: (name, value) => logger.debug('Metric', { name, value }),
    flush: () => undefined,
  };
}
