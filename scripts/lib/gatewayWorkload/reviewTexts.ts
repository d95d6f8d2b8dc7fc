/** The reviews of the public gateway benchmark (graphql-hive/graphql-gateways-benchmark, subgraphs/reviews.rs): placeholder text of the lengths it uses. */
const TEXTS = [
  'Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia deserunt mollit anim id est laborum.',
  'Sed ut perspiciatis unde omnis iste natus error sit voluptatem accusantium doloremque laudantium, totam rem aperiam, eaque ipsa quae ab illo inventore veritatis et quasi architecto beatae vitae dicta sunt explicabo. Nemo enim ipsam voluptatem quia voluptas sit aspernatur aut odit aut fugi',
  'sed quia consequuntur magni dolores eos qui ratione voluptatem sequi nesciunt. Neque porro quisquam est, qui dolorem ipsum quia dolor sit amet, consectetur, adipisci velit, sed quia non numquam eius modi tempora incidunt ut labore et dolore magnam aliquam quaerat voluptatem.',
  'Ut enim ad minima veniam, quis nostrum exercitationem ullam corporis suscipit laboriosam, nisi ut aliquid ex ea commodi consequatur? Quis autem',
  'At vero eos et accusamus et iusto odio dignissimos ducimus qui blanditiis praesentium voluptatum deleniti atque corrupti quos dolores et quas molestias excepturi sint occaecati cupiditate non provident, similique sunt in culpa qui officia deserunt mollitia animi, id est laborum et dolorum fuga. Et harum quidem rerum facilis est et expedita distinctio. Nam libero tempore, cum soluta nobis est eligendi optio cumque nihil impedit quo minus id quod maxime placeat facere possimus, omnis voluptas assumenda est, omnis dolor repellendus. Temporibus autem quibusdam et aut officiis debitis aut rerum necessitatibus saepe eveniet ut et voluptates repudiandae sint et molestiae non recusandae. Itaque earum rerum hic tenetur a sapiente delectus, ut aut reiciendis voluptatibus maiores alias consequatur aut perferendis doloribus asperiores repellat.',
] as const;

export const REVIEW_ROWS: readonly { id: string; body: string; upc: string }[] = [
  { id: '1', body: TEXTS[0], upc: '1' },
  { id: '2', body: TEXTS[1], upc: '1' },
  { id: '3', body: TEXTS[2], upc: '1' },
  { id: '4', body: TEXTS[3], upc: '1' },
  { id: '5', body: TEXTS[0], upc: '2' },
  { id: '6', body: TEXTS[1], upc: '2' },
  { id: '7', body: TEXTS[2], upc: '2' },
  { id: '8', body: TEXTS[3], upc: '2' },
  { id: '9', body: TEXTS[3], upc: '3' },
  { id: '10', body: TEXTS[3], upc: '4' },
  { id: '11', body: TEXTS[4], upc: '4' },
];
