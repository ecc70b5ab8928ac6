import { useState } from 'preact/hooks';
import type { Site } from '../api';
import { useOpsI18n } from '../../i18n/ops';
import { DURABLE_DAYS, PRESETS, customRangeProblem, type RangeChoice } from '../lib/range';

interface Props {
  choice: RangeChoice;
  onChoice(c: RangeChoice): void;
  sites: Site[];
  site: string | null;
  onSite(key: string | null): void;
  /** How long a resolution must hold to be durable (reopen and durable rates). */
  durableDays: number;
  onDurableDays(days: number): void;
  tz: string;
  /** Today in `tz`, the latest date a custom range may end on. */
  today: string;
}

/** Period (last 7/30/90 days or custom dates), site and durability window; presets apply at once, custom dates on Apply. */
export function Filters({ choice, onChoice, sites, site, onSite, durableDays, onDurableDays, tz, today }: Props) {
  const { t } = useOpsI18n();
  const [custom, setCustom] = useState(choice.kind === 'custom');
  const [from, setFrom] = useState(choice.kind === 'custom' ? choice.from : '');
  const [to, setTo] = useState(choice.kind === 'custom' ? choice.to : today);
  const problem = custom ? customRangeProblem(from, to) : null;
  const [tried, setTried] = useState(false);

  const pick = (value: string) => {
    if (value === 'custom') return setCustom(true);
    const days = PRESETS.find((d) => String(d) === value);
    if (!days) return;
    setCustom(false);
    onChoice({ kind: 'preset', days });
  };

  return (
    <form
      class="filters"
      aria-label={t('filter.label')}
      onSubmit={(e) => {
        e.preventDefault();
        setTried(true);
        if (custom && !problem) onChoice({ kind: 'custom', from, to });
      }}
    >
      <label>
        {t('filter.range')}
        <select value={custom ? 'custom' : choice.kind === 'preset' ? String(choice.days) : 'custom'} onChange={(e) => pick(e.currentTarget.value)}>
          {PRESETS.map((d) => (
            <option key={d} value={String(d)}>
              {t('filter.last', { days: d })}
            </option>
          ))}
          <option value="custom">{t('filter.custom')}</option>
        </select>
      </label>
      {custom && (
        <>
          <label>
            {t('filter.from')}
            <input type="date" value={from} max={today} onInput={(e) => setFrom(e.currentTarget.value)} required />
          </label>
          <label>
            {t('filter.to')}
            <input type="date" value={to} max={today} onInput={(e) => setTo(e.currentTarget.value)} required />
          </label>
          <button type="submit" class="primary">
            {t('filter.apply')}
          </button>
        </>
      )}
      {sites.length > 1 && (
        <label>
          {t('filter.site')}
          <select value={site ?? ''} onChange={(e) => onSite(e.currentTarget.value || null)}>
            <option value="">{t('filter.allSites')}</option>
            {sites.map((s) => (
              <option key={s.key} value={s.key}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <label>
        {t('filter.durable')}
        <select value={String(durableDays)} onChange={(e) => onDurableDays(Number(e.currentTarget.value))}>
          {DURABLE_DAYS.map((d) => (
            <option key={d} value={String(d)}>
              {t('filter.durableDays', { days: d })}
            </option>
          ))}
        </select>
      </label>
      <span class="muted tz">{t('filter.timeZone', { tz })}</span>
      {custom && tried && problem && (
        <p class="form-error" role="alert">
          {t(`filter.${problem}`)}
        </p>
      )}
    </form>
  );
}
