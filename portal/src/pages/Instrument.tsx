import { useMemo, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import { ErrorNotice, FailureNotice } from '../components/Layout.tsx';
import { day, fromLocalInput, timeOfDay, toLocalInput, yuan } from '../format.ts';
import { request } from '../graph.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, useQuery } from '../useGraph.ts';

const InstrumentPage = graphql(`
  query InstrumentPage($id: ID!, $from: String!, $to: String!) {
    instrument(id: $id) {
      id
      name
      nameEn
      model
      manufacturer
      country
      mainFunctions
      technicalIndicators
      serviceContent
      sharingRules
      feeText
      address
      instrumentClass {
        name
      }
      region {
        name
        nameEn
      }
      owner {
        name
      }
      platform {
        name
      }
      bookingRules {
        bookableHours {
          weekday
          opens
          closes
        }
        minMinutes
        maxMinutes
        minNoticeHours
        maxAdvanceDays
        requiresApproval
        prices {
          group
          unit
          rateFen
          minimumChargeFen
        }
      }
      availability(from: $from, to: $to) {
        start
        end
        minutes
      }
    }
  }
`);

const RequestBooking = graphql(`
  mutation RequestBooking($input: BookingRequestInput!) {
    requestBooking(input: $input) {
      id
      status
      start
      end
      estimatedChargeFen
    }
  }
`);

const DAY_MS = 86_400_000;
const HALF_HOUR = 1_800_000;

export function Instrument() {
  const t = useT();
  const { locale } = useLocale();
  const english = locale === 'en';
  const { params } = useRoute();
  const id = params.id ?? '';
  // The next seven days from the start of the current hour: one window the page and its calendar share.
  const horizon = useMemo(() => {
    const from = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
    return { from: from.toISOString(), to: new Date(from.getTime() + 7 * DAY_MS).toISOString() };
  }, []);
  const { data, error, loading, reload } = useQuery(InstrumentPage, { id, ...horizon });
  const [booking, setBooking] = useState({ start: '', end: '', samples: '', purpose: '' });
  const [sent, setSent] = useState<{ status: string } | undefined>();
  const { failure: refusal, run } = useAction(reload);
  const [sending, setSending] = useState(false);

  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (loading && !data) return <p aria-live="polite">{t.loading}</p>;
  const instrument = data?.instrument;
  if (!instrument) return <p>{t.notFound}</p>;
  const rules = instrument.bookingRules;
  // Free time a booking can start in: after the notice the owner asks for, long enough for the
  // shortest booking, starting on the half hour.
  const earliest = Math.ceil((Date.now() + (rules?.minNoticeHours ?? 0) * 3_600_000) / HALF_HOUR) * HALF_HOUR;
  const slots = (instrument.availability ?? []).flatMap((slot) => {
    const start = Math.max(Date.parse(slot.start), earliest);
    const end = Date.parse(slot.end);
    return end - start >= (rules?.minMinutes ?? 0) * 60_000
      ? [{ start: new Date(start).toISOString(), end: slot.end }]
      : [];
  });
  const perSample = rules?.prices.some((price) => price.unit === 'SAMPLE');

  /** The shortest booking the rules allow at the start of a free slot; the user may lengthen it. */
  const pick = (start: string, slotEnd: string) => {
    const end = Math.min(Date.parse(slotEnd), Date.parse(start) + Math.max(rules?.minMinutes ?? 60, 60) * 60_000);
    setBooking({ ...booking, start: toLocalInput(start), end: toLocalInput(new Date(end).toISOString()) });
    setSent(undefined);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    setSending(true);
    await run(async () => {
      const answer = await request(RequestBooking, {
        input: {
          instrumentId: instrument.id,
          start: fromLocalInput(booking.start),
          end: fromLocalInput(booking.end),
          ...(booking.samples ? { samples: Number(booking.samples) } : {}),
          ...(booking.purpose ? { purpose: booking.purpose } : {}),
        },
      });
      if (answer.requestBooking) setSent({ status: answer.requestBooking.status });
    });
    setSending(false);
  };

  const byDay = new Map<string, typeof slots>();
  for (const slot of slots) {
    const key = day(slot.start, locale);
    byDay.set(key, [...(byDay.get(key) ?? []), slot]);
  }

  return (
    <article class="instrument">
      <p class="meta">{instrument.instrumentClass.name}</p>
      <h1>{english && instrument.nameEn ? instrument.nameEn : instrument.name}</h1>
      <dl class="facts">
        <dt>{t.model}</dt>
        <dd>{instrument.model}</dd>
        <dt>{t.manufacturer}</dt>
        <dd>
          {instrument.manufacturer} ({instrument.country})
        </dd>
        <dt>{t.owner}</dt>
        <dd>{instrument.owner?.name ?? '—'}</dd>
        {instrument.platform && (
          <>
            <dt>{t.platform}</dt>
            <dd>{instrument.platform.name}</dd>
          </>
        )}
        <dt>{t.region}</dt>
        <dd>{instrument.region ? (english ? instrument.region.nameEn : instrument.region.name) : '—'}</dd>
      </dl>
      <h2>{t.mainFunctions}</h2>
      <p>{instrument.mainFunctions}</p>
      <h2>{t.technicalIndicators}</h2>
      <p>{instrument.technicalIndicators}</p>
      <h2>{t.fees}</h2>
      {rules && rules.prices.length > 0 ? (
        <table class="prices">
          <tbody>
            {rules.prices.map((price) => (
              <tr key={`${price.group}-${price.unit}`}>
                <th scope="row">{t.priceGroups[price.group]}</th>
                <td>
                  {yuan(price.rateFen)} {t.perUnit[price.unit]}
                </td>
                <td>{price.minimumChargeFen > 0 ? t.minimumCharge(yuan(price.minimumChargeFen)) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p>{instrument.feeText ?? '—'}</p>
      )}
      {instrument.sharingRules && (
        <>
          <h2>{t.sharingRules}</h2>
          <p>{instrument.sharingRules}</p>
        </>
      )}

      {rules ? (
        <section aria-labelledby="booking-rules">
          <h2 id="booking-rules">{t.bookingRules}</h2>
          <ul>
            <li>
              {t.bookableHours}:{' '}
              {rules.bookableHours
                .map((hours) => `${t.weekdays[hours.weekday % 7]} ${hours.opens}–${hours.closes}`)
                .join('，')}
            </li>
            <li>{t.minMaxMinutes(rules.minMinutes, rules.maxMinutes)}</li>
            <li>{t.notice(rules.minNoticeHours, rules.maxAdvanceDays)}</li>
            <li>{rules.requiresApproval ? t.requiresApproval : t.noApproval}</li>
          </ul>
          <h2>{t.calendar}</h2>
          {slots.length === 0 ? (
            <p>{t.noFreeTime}</p>
          ) : (
            <div class="calendar">
              {[...byDay].map(([label, daySlots]) => (
                <div class="calendar-day" key={label}>
                  <h3>{label}</h3>
                  <ul>
                    {daySlots.map((slot) => (
                      <li key={slot.start}>
                        <button type="button" class="slot" onClick={() => pick(slot.start, slot.end)}>
                          {timeOfDay(slot.start, locale)}–{timeOfDay(slot.end, locale)}
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          )}
          <h2>{t.bookTitle}</h2>
          {session.value ? (
            <form class="booking-form" onSubmit={submit}>
              <label>
                {t.bookStart}
                <input
                  type="datetime-local"
                  name="start"
                  required
                  value={booking.start}
                  onInput={(event) => setBooking({ ...booking, start: event.currentTarget.value })}
                />
              </label>
              <label>
                {t.bookEnd}
                <input
                  type="datetime-local"
                  name="end"
                  required
                  value={booking.end}
                  onInput={(event) => setBooking({ ...booking, end: event.currentTarget.value })}
                />
              </label>
              {perSample && (
                <label>
                  {t.bookSamples}
                  <input
                    type="number"
                    name="samples"
                    required
                    min="1"
                    max="10000"
                    value={booking.samples}
                    onInput={(event) => setBooking({ ...booking, samples: event.currentTarget.value })}
                  />
                </label>
              )}
              <label class="wide">
                {t.bookPurpose}
                <textarea
                  name="purpose"
                  maxLength={500}
                  value={booking.purpose}
                  onInput={(event) => setBooking({ ...booking, purpose: event.currentTarget.value })}
                />
              </label>
              <button type="submit" disabled={sending}>
                {t.bookSubmit}
              </button>
              <FailureNotice failure={refusal} />
              {sent && (
                <p class="notice ok" role="status">
                  {t.bookDone(t.statuses[sent.status] ?? sent.status)} <a href="/my/bookings">{t.viewMyBookings}</a>
                </p>
              )}
            </form>
          ) : (
            <p>
              <a href={`/sign-in?next=${encodeURIComponent(`/instruments/${instrument.id}`)}`}>{t.bookSignInFirst}</a>
            </p>
          )}
        </section>
      ) : (
        <p>{t.notBookable}</p>
      )}
    </article>
  );
}
