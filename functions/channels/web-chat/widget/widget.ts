/**
 * The embeddable privacy-notice assistant: one <script> tag with data attributes, no framework, no cookies,
 * no inline script or style (works under a strict Content-Security-Policy), isolated in a Shadow DOM.
 *
 *   <div data-privacy-assistant>
 *     <a href="https://council.example/privacy/service">Read how we use your information</a>
 *     <a href="mailto:dpo@council.example">Contact our data protection team</a>
 *   </div>
 *   <script src="https://assistant.example/widget.js" defer
 *           data-council="kent" data-notice="kent-connect-to-work" data-colour="#1d70b8"></script>
 *
 * The links inside the container are what people without JavaScript see; attaching the shadow root hides them,
 * and the panel's header shows them again. Everything from the server or the person is put on the page as text
 * (textContent), never as HTML.
 * Optional: data-service="Connect to Work Programme" names the data-notice's service on the request form before
 * the conversation has; data-privacy-notice="https://council.example/assistant-privacy" is the council's own
 * version of the assistant's privacy notice (by default the page shipped beside widget.js).
 *
 * The parts: assistant.ts (the panel and the conversation's state), conversation.ts (its lines), form-view.ts
 * with sar-form.ts and dpo-form.ts (the two forms that open in the panel in place of the chat), dom.ts, rules.ts
 * and contract.ts.
 */
import { PrivacyAssistant } from './assistant.ts';

(() => {
  const script = document.currentScript as HTMLScriptElement | null;
  const data = script?.dataset ?? {};
  const api = (data.api ?? (script?.src ? new URL(script.src).origin : location.origin)).replace(/\/$/, '');
  const mount = () => {
    let host = document.querySelector<HTMLElement>('[data-privacy-assistant]');
    if (!host) {
      host = document.createElement('div');
      document.body.append(host);
    }
    if (host.shadowRoot) return;
    (window as unknown as { privacyAssistant?: PrivacyAssistant }).privacyAssistant = new PrivacyAssistant(host, {
      api,
      council: data.council,
      notice: data.notice,
      colour: data.colour,
      service: data.service,
      privacyNotice: data.privacyNotice,
    });
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', mount);
  else mount();
})();
