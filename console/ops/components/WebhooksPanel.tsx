import type { Site } from '../api';
import type { OpsApi } from '../client';
import { useOpsI18n } from '../../i18n/ops';
import type { Formats } from '../lib/format';
import { useWebhooks } from '../model/webhooks';
import { Section } from './Section';
import { Webhooks } from './Webhooks';

/** The webhooks panel; it has its own model because it follows the site, not the period. */
export function WebhooksPanel({ api, sites, site, formats }: { api: OpsApi; sites: Site[]; site: string | null; formats: Formats }) {
  const { t } = useOpsI18n();
  const model = useWebhooks(api, site);
  return (
    <Section id="webhooks" heading={t('webhooks.heading')} resource={model.list} retry={model.reload}>
      {(list) => <Webhooks model={model} list={list} sites={sites} site={site} formats={formats} />}
    </Section>
  );
}
