/** The feedback page's offer to fill in offline: links to the personal 意见反馈表 in Word and Excel. */
import type { Translator } from '../../lib/i18n';

export function OfflineFormLinks({ t, token }: { t: Translator; token: string }) {
  return (
    <section class="fb-offline" aria-labelledby="fb-offline-heading">
      <h2 id="fb-offline-heading">{t('inbound.form.download.heading')}</h2>
      <p>{t('inbound.form.download.hint')}</p>
      <ul>
        <li>
          <a href={`/f/${token}/form.docx`}>{t('inbound.form.download.docx')}</a>
        </li>
        <li>
          <a href={`/f/${token}/form.xlsx`}>{t('inbound.form.download.xlsx')}</a>
        </li>
      </ul>
    </section>
  );
}
