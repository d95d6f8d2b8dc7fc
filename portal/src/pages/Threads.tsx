import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { ErrorNotice, FailureNotice, SignInFirst } from '../components/Layout.tsx';
import { dateTime, yuan } from '../format.ts';
import { request } from '../graph.ts';
import { graphql } from '../graphql/index.ts';
import { useLocale, useT } from '../i18n.ts';
import { session } from '../session.ts';
import { useAction, useQuery } from '../useGraph.ts';

const Threads = graphql(`
  query Threads {
    threads(first: 50) {
      totalCount
      edges {
        node {
          id
          subject
          status
          unreadCount
          lastMessageAt
          platform {
            name
          }
          enterprise {
            name
          }
        }
      }
    }
  }
`);

const ThreadPage = graphql(`
  query ThreadPage($id: ID!) {
    thread(id: $id) {
      id
      version
      subject
      status
      mySide
      unreadCount
      quote {
        id
        version
        description
        amountFen
        validUntil
        status
      }
      platform {
        id
        name
      }
      enterprise {
        name
      }
      service {
        name
      }
      messages(first: 100) {
        edges {
          node {
            id
            side
            body
            createdAt
          }
        }
      }
    }
  }
`);

const PostMessage = graphql(`
  mutation PostMessage($threadId: ID!, $input: MessageInput!) {
    postMessage(threadId: $threadId, input: $input) {
      id
    }
  }
`);

const QuoteThread = graphql(`
  mutation QuoteThread($threadId: ID!, $version: Int!, $input: QuoteInput!) {
    quoteThread(threadId: $threadId, version: $version, input: $input) {
      id
    }
  }
`);

const AcceptQuote = graphql(`
  mutation AcceptQuote($quoteId: ID!, $version: Int!) {
    acceptQuote(quoteId: $quoteId, version: $version) {
      id
    }
  }
`);

const MarkThreadRead = graphql(`
  mutation MarkThreadRead($threadId: ID!) {
    markThreadRead(threadId: $threadId) {
      id
      unreadCount
    }
  }
`);

export function ThreadsPage() {
  const t = useT();
  const { locale } = useLocale();
  const { data, error, loading, reload } = useQuery(Threads, {}, !session.value);
  if (!session.value) return <SignInFirst />;
  const answer = data?.threads;
  return (
    <section>
      <h1>{t.threadsTitle}</h1>
      {error ? <ErrorNotice error={error} retry={reload} /> : null}
      <p aria-live="polite" class="count">
        {loading ? t.loading : ''}
      </p>
      {answer && answer.totalCount === 0 && <p>{t.none}</p>}
      <ul class="threads">
        {answer?.edges.map(({ node }) => (
          <li key={node.id} class="card thread" data-thread={node.id}>
            <h2>
              <a href={`/threads/${encodeURIComponent(node.id)}`}>{node.subject}</a>
              {node.unreadCount > 0 && <span class="badge">{t.unread(node.unreadCount)}</span>}
            </h2>
            <p class="meta">
              {node.platform.name}
              {node.enterprise ? ` · ${node.enterprise.name}` : ''}
              {node.lastMessageAt ? ` · ${dateTime(node.lastMessageAt, locale)}` : ''} ·{' '}
              {t.threadStatuses[node.status] ?? node.status}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function ThreadPageView() {
  const t = useT();
  const { locale } = useLocale();
  const { params } = useRoute();
  const id = params.id ?? '';
  const { data, error, loading, reload } = useQuery(ThreadPage, { id }, !session.value);
  const [reply, setReply] = useState('');
  const [offer, setOffer] = useState({ description: '', amount: '', validUntil: '' });
  const { route } = useLocation();
  const { failure: refusal, run: act } = useAction(reload);
  const thread = data?.thread;
  const unread = thread?.unreadCount ?? 0;
  // Reading the thread marks it read for the reader's side.
  useEffect(() => {
    if (unread > 0) request(MarkThreadRead, { threadId: id }).catch(() => {});
  }, [id, unread]);
  if (!session.value) return <SignInFirst />;
  if (error) return <ErrorNotice error={error} retry={reload} />;
  if (loading && !data) return <p aria-live="polite">{t.loading}</p>;
  if (!thread) return <p>{t.notFound}</p>;
  const send = (event: Event) => {
    event.preventDefault();
    return act(async () => {
      await request(PostMessage, { threadId: thread.id, input: { body: reply } });
      setReply('');
    });
  };
  const quote = thread.quote;
  return (
    <article class="instrument thread-view">
      <p class="meta">
        <a href={`/platforms/${encodeURIComponent(thread.platform.id)}`}>{thread.platform.name}</a>
        {thread.enterprise ? ` · ${thread.enterprise.name}` : ''}
        {thread.service ? ` · ${thread.service.name}` : ''} · {t.threadStatuses[thread.status] ?? thread.status}
      </p>
      <h1>{thread.subject}</h1>
      <ol class="messages">
        {thread.messages?.edges.map(({ node }) => (
          <li key={node.id} class={node.side === thread.mySide ? 'message mine' : 'message'}>
            <p class="meta">
              {t.sides[node.side] ?? node.side} · {dateTime(node.createdAt, locale)}
            </p>
            <p class="body">{node.body}</p>
          </li>
        ))}
      </ol>
      {quote && (
        <section class="card quote" aria-labelledby="quote-title">
          <h2 id="quote-title">{t.quoteTitle}</h2>
          <p>{quote.description}</p>
          <p>
            <strong>¥{yuan(quote.amountFen)}</strong> · {t.validUntil(quote.validUntil)} ·{' '}
            {t.quoteStatuses[quote.status] ?? quote.status}
          </p>
          {thread.mySide === 'ENTERPRISE' && quote.status === 'OFFERED' && (
            <button
              type="button"
              onClick={() =>
                act(async () => {
                  await request(AcceptQuote, { quoteId: quote.id, version: quote.version });
                  route('/orders');
                })
              }
            >
              {t.acceptQuote}
            </button>
          )}
        </section>
      )}
      {thread.mySide === 'PLATFORM' && thread.status === 'OPEN' && (
        <form
          class="booking-form"
          onSubmit={(event) => {
            event.preventDefault();
            act(() =>
              request(QuoteThread, {
                threadId: thread.id,
                version: thread.version,
                input: {
                  description: offer.description,
                  amountFen: Math.round(Number(offer.amount) * 100),
                  validUntil: offer.validUntil,
                },
              }),
            );
          }}
        >
          <h2 class="wide">{t.quoteTitle}</h2>
          <label class="wide">
            {t.quoteDescription}
            <textarea
              required
              maxLength={2000}
              value={offer.description}
              onInput={(e) => setOffer({ ...offer, description: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.quoteAmount}
            <input
              type="number"
              required
              min="0.01"
              step="0.01"
              value={offer.amount}
              onInput={(e) => setOffer({ ...offer, amount: e.currentTarget.value })}
            />
          </label>
          <label>
            {t.quoteValidUntil}
            <input
              type="date"
              required
              value={offer.validUntil}
              onInput={(e) => setOffer({ ...offer, validUntil: e.currentTarget.value })}
            />
          </label>
          <button type="submit">{t.quoteSend}</button>
        </form>
      )}
      {thread.status !== 'CLOSED' && (
        <form class="booking-form" onSubmit={send}>
          <label class="wide">
            {t.replyLabel}
            <textarea required maxLength={2000} value={reply} onInput={(e) => setReply(e.currentTarget.value)} />
          </label>
          <button type="submit">{t.replySend}</button>
          <FailureNotice failure={refusal} />
        </form>
      )}
    </article>
  );
}
