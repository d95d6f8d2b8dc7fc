import { useState } from 'preact/hooks';
import { ErrorNotice, FailureNotice, SignInFirst } from '../components/Layout.tsx';
import { dateTime, fromLocalInput, toLocalInput, yuan } from '../format.ts';
import { request } from '../graph.ts';
import type { BookingCardFragment, ServiceWay } from '../graphql/graphql.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, usePages, useQuery } from '../useGraph.ts';

graphql(`
  fragment BookingCard on Booking {
    id
    version
    status
    start
    end
    minutes
    samples
    purpose
    estimatedChargeFen
    decisionReason
    instrument {
      id
      name
    }
    requester {
      name
    }
    serviceRecord {
      hours
      chargeFen
      rating
      ratingComment
    }
  }
`);

const MyBookings = graphql(`
  query MyBookings($first: Int, $after: String) {
    myBookings(first: $first, after: $after, orderBy: { field: START, direction: DESC }) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...BookingCard
        }
      }
    }
  }
`);

const BookingQueue = graphql(`
  query BookingQueue($statusIn: [BookingStatus!]) {
    bookingQueue(first: 50, filter: { statusIn: $statusIn }) {
      totalCount
      edges {
        node {
          ...BookingCard
        }
      }
    }
  }
`);

const ApproveBooking = graphql(`
  mutation ApproveBooking($id: ID!, $version: Int!) {
    approveBooking(id: $id, version: $version) {
      ...BookingCard
    }
  }
`);

const RejectBooking = graphql(`
  mutation RejectBooking($id: ID!, $version: Int!, $reason: String!) {
    rejectBooking(id: $id, version: $version, reason: $reason) {
      ...BookingCard
    }
  }
`);

const StartBooking = graphql(`
  mutation StartBooking($id: ID!, $version: Int!) {
    startBooking(id: $id, version: $version) {
      ...BookingCard
    }
  }
`);

const CompleteBooking = graphql(`
  mutation CompleteBooking($id: ID!, $version: Int!, $record: ServiceRecordInput!) {
    completeBooking(id: $id, version: $version, record: $record) {
      ...BookingCard
    }
  }
`);

const CancelBooking = graphql(`
  mutation CancelBooking($id: ID!, $version: Int!) {
    cancelBooking(id: $id, version: $version) {
      ...BookingCard
    }
  }
`);

/** Bookings a page shows at once; more on request. */
const PAGE = 20;

function BookingSummary({ booking }: { booking: BookingCardFragment }) {
  const t = useT();
  const { locale } = useLocale();
  const record = booking.serviceRecord;
  return (
    <>
      <h2>
        {booking.instrument ? (
          <a href={`/instruments/${encodeURIComponent(booking.instrument.id)}`}>{booking.instrument.name}</a>
        ) : (
          booking.id
        )}
      </h2>
      <dl>
        <dt>{t.status}</dt>
        <dd>
          <span class={`status status-${booking.status.toLowerCase()}`}>{t.statuses[booking.status]}</span>
        </dd>
        <dt>{t.when}</dt>
        <dd>
          {dateTime(booking.start, locale)} – {dateTime(booking.end, locale)}
        </dd>
        {booking.requester && (
          <>
            <dt>{t.requester}</dt>
            <dd>{booking.requester.name}</dd>
          </>
        )}
        <dt>{record ? t.charge : t.estimatedCharge}</dt>
        <dd>¥{yuan(record ? record.chargeFen : booking.estimatedChargeFen)}</dd>
        {booking.purpose && (
          <>
            <dt>{t.bookPurpose}</dt>
            <dd>{booking.purpose}</dd>
          </>
        )}
        {booking.decisionReason && (
          <>
            <dt>{t.rejectReason}</dt>
            <dd>{booking.decisionReason}</dd>
          </>
        )}
        {record?.rating ? (
          <>
            <dt>{t.rating}</dt>
            <dd class="rating">
              {t.stars(record.rating)}
              {record.ratingComment ? ` ${record.ratingComment}` : ''}
            </dd>
          </>
        ) : null}
      </dl>
    </>
  );
}

export function MyBookingsPage() {
  const t = useT();
  const { data, error, loading, reload } = useQuery(MyBookings, { first: PAGE }, !session.value);
  const { failure, run } = useAction();
  const answer = data?.myBookings;
  const { edges, hasNext, loadMore } = usePages(
    answer,
    async (after) => (await request(MyBookings, { first: PAGE, after })).myBookings,
  );
  if (!session.value) return <SignInFirst />;
  // The list is read again from its first page: the pages after it may have moved.
  const cancel = (booking: BookingCardFragment) =>
    run(async () => {
      await request(CancelBooking, { id: booking.id, version: booking.version });
      reload();
    });
  return (
    <section>
      <h1>{t.myBookingsTitle}</h1>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <FailureNotice failure={failure} />
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      {answer && answer.totalCount === 0 && <p>{t.none}</p>}
      <ul class="results">
        {edges.map(({ node }) => (
          <li key={node.id} class="card booking" data-booking={node.id}>
            <BookingSummary booking={node} />
            {(node.status === 'REQUESTED' || node.status === 'APPROVED') && (
              <button type="button" class="secondary" onClick={() => cancel(node)}>
                {t.cancel}
              </button>
            )}
          </li>
        ))}
      </ul>
      {hasNext && (
        <button type="button" onClick={() => run(loadMore)}>
          {t.loadMore}
        </button>
      )}
    </section>
  );
}

/** The owner's or operator's decisions on one booking: approve, reject, start, complete. */
function Decisions({ booking, done }: { booking: BookingCardFragment; done: () => void }) {
  const t = useT();
  const [mode, setMode] = useState<'reject' | 'complete' | undefined>();
  const [reason, setReason] = useState('');
  const [record, setRecord] = useState({
    actualStart: toLocalInput(booking.start),
    actualEnd: toLocalInput(booking.end),
    way: 'ON_SITE' as ServiceWay,
    rating: '5',
  });
  const { failure, run } = useAction(done);
  const act = (work: () => Promise<unknown>) =>
    run(async () => {
      await work();
      setMode(undefined);
    });
  const ids = { id: booking.id, version: booking.version };
  return (
    <div class="decisions">
      {booking.status === 'REQUESTED' && (
        <>
          <button type="button" onClick={() => act(() => request(ApproveBooking, ids))}>
            {t.approve}
          </button>
          <button type="button" class="secondary" onClick={() => setMode('reject')}>
            {t.reject}
          </button>
        </>
      )}
      {booking.status === 'APPROVED' && (
        <button type="button" onClick={() => act(() => request(StartBooking, ids))}>
          {t.start}
        </button>
      )}
      {(booking.status === 'APPROVED' || booking.status === 'IN_USE') && (
        <button type="button" onClick={() => setMode('complete')}>
          {t.complete}
        </button>
      )}
      {mode === 'reject' && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            act(() => request(RejectBooking, { ...ids, reason }));
          }}
        >
          <label>
            {t.rejectReason}
            <textarea required maxLength={500} value={reason} onInput={(e) => setReason(e.currentTarget.value)} />
          </label>
          <button type="submit">{t.reject}</button>
        </form>
      )}
      {mode === 'complete' && (
        <form
          class="service-record"
          onSubmit={(event) => {
            event.preventDefault();
            act(() =>
              request(CompleteBooking, {
                ...ids,
                record: {
                  actualStart: fromLocalInput(record.actualStart),
                  actualEnd: fromLocalInput(record.actualEnd),
                  way: record.way,
                  rating: Number(record.rating),
                },
              }),
            );
          }}
        >
          <fieldset>
            <legend>{t.completeTitle}</legend>
            <label>
              {t.bookStart}
              <input
                type="datetime-local"
                required
                value={record.actualStart}
                onInput={(e) => setRecord({ ...record, actualStart: e.currentTarget.value })}
              />
            </label>
            <label>
              {t.bookEnd}
              <input
                type="datetime-local"
                required
                value={record.actualEnd}
                onInput={(e) => setRecord({ ...record, actualEnd: e.currentTarget.value })}
              />
            </label>
            <label>
              {t.way}
              <select
                value={record.way}
                onChange={(e) => setRecord({ ...record, way: e.currentTarget.value as ServiceWay })}
              >
                {Object.entries(t.ways).map(([value, label]) => (
                  <option key={value} value={value}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t.userRating}
              <input
                type="number"
                name="rating"
                min="1"
                max="5"
                required
                value={record.rating}
                onInput={(e) => setRecord({ ...record, rating: e.currentTarget.value })}
              />
            </label>
            <button type="submit">{t.save}</button>
          </fieldset>
        </form>
      )}
      <FailureNotice failure={failure} />
    </div>
  );
}

export function QueuePage() {
  const t = useT();
  const { data, error, loading, reload } = useQuery(
    BookingQueue,
    { statusIn: ['REQUESTED', 'APPROVED', 'IN_USE'] },
    !session.value,
  );
  if (!session.value) return <SignInFirst />;
  const answer = data?.bookingQueue;
  return (
    <section>
      <h1>{t.queueTitle}</h1>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      {answer && answer.totalCount === 0 && <p>{t.none}</p>}
      <ul class="results">
        {answer?.edges.map(({ node }) => (
          <li key={node.id} class="card booking" data-booking={node.id}>
            <BookingSummary booking={node} />
            <Decisions booking={node} done={reload} />
          </li>
        ))}
      </ul>
    </section>
  );
}
