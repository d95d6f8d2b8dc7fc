/* eslint-disable */
import * as types from './graphql';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query AssessmentOverview {\n    byYearAndGrade: assessmentStats(groupBy: [YEAR, GRADE]) {\n      year\n      grade\n      count\n    }\n    byYearAndRegion: assessmentStats(groupBy: [YEAR, REGION]) {\n      year\n      region {\n        code\n        name\n        nameEn\n      }\n      meanTotal\n    }\n  }\n": typeof types.AssessmentOverviewDocument,
    "\n  query AssessmentRanking($year: Int!) {\n    assessments(filter: { year: $year }, orderBy: { field: RANK, direction: ASC }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          rank\n          total\n          grade\n          platform {\n            id\n            name\n          }\n          region {\n            name\n            nameEn\n          }\n        }\n      }\n    }\n  }\n": typeof types.AssessmentRankingDocument,
    "\n  fragment BookingCard on Booking {\n    id\n    version\n    status\n    start\n    end\n    minutes\n    samples\n    purpose\n    estimatedChargeFen\n    decisionReason\n    instrument {\n      id\n      name\n    }\n    requester {\n      name\n    }\n    serviceRecord {\n      hours\n      chargeFen\n      rating\n      ratingComment\n    }\n  }\n": typeof types.BookingCardFragmentDoc,
    "\n  query MyBookings($first: Int, $after: String) {\n    myBookings(first: $first, after: $after, orderBy: { field: START, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n": typeof types.MyBookingsDocument,
    "\n  query BookingQueue($statusIn: [BookingStatus!]) {\n    bookingQueue(first: 50, filter: { statusIn: $statusIn }) {\n      totalCount\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n": typeof types.BookingQueueDocument,
    "\n  mutation ApproveBooking($id: ID!, $version: Int!) {\n    approveBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": typeof types.ApproveBookingDocument,
    "\n  mutation RejectBooking($id: ID!, $version: Int!, $reason: String!) {\n    rejectBooking(id: $id, version: $version, reason: $reason) {\n      ...BookingCard\n    }\n  }\n": typeof types.RejectBookingDocument,
    "\n  mutation StartBooking($id: ID!, $version: Int!) {\n    startBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": typeof types.StartBookingDocument,
    "\n  mutation CompleteBooking($id: ID!, $version: Int!, $record: ServiceRecordInput!) {\n    completeBooking(id: $id, version: $version, record: $record) {\n      ...BookingCard\n    }\n  }\n": typeof types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!, $version: Int!) {\n    cancelBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": typeof types.CancelBookingDocument,
    "\n  query Coverage($year: Int) {\n    coverage(year: $year) {\n      regionCode\n      industry\n      year\n      platformCount\n      platformsPlanned\n      platformsMissing\n      serviceCount\n      instrumentCount\n      region {\n        name\n        nameEn\n      }\n    }\n  }\n": typeof types.CoverageDocument,
    "\n  query Demands {\n    demands(filter: { open: true }, orderBy: { field: CREATED_AT, direction: DESC }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          specification\n          quantity\n          budgetMaxFen\n          deadline\n          productClass {\n            name\n          }\n          buyer {\n            name\n          }\n          deliveryRegion {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.DemandsDocument,
    "\n  query DemandForm($groupCode: ID) {\n    groups: productClasses {\n      code\n      name\n      nameEn\n    }\n    classes: productClasses(groupCode: $groupCode) {\n      code\n      name\n      nameEn\n    }\n    regions {\n      code\n      name\n      nameEn\n    }\n  }\n": typeof types.DemandFormDocument,
    "\n  mutation PostDemand($input: DemandInput!) {\n    postDemand(input: $input) {\n      id\n    }\n  }\n": typeof types.PostDemandDocument,
    "\n  query DemandPage($id: ID!) {\n    demand(id: $id) {\n      id\n      version\n      specification\n      quantity\n      budgetMinFen\n      budgetMaxFen\n      deadline\n      status\n      industry\n      productClass {\n        name\n      }\n      buyer {\n        name\n      }\n      deliveryRegion {\n        name\n      }\n      matches(first: 10) {\n        score\n        inProvince\n        product {\n          id\n          name\n          priceMinFen\n          priceMaxFen\n          maker {\n            name\n          }\n        }\n        factors {\n          factor\n          weight\n          points\n          explanation\n        }\n      }\n      candidates {\n        id\n        version\n        status\n        contractAmountFen\n        contractDate\n        reason\n        product {\n          id\n          name\n          maker {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.DemandPageDocument,
    "\n  mutation ShortlistProduct($demandId: ID!, $productId: ID!) {\n    shortlistProduct(demandId: $demandId, productId: $productId) {\n      id\n    }\n  }\n": typeof types.ShortlistProductDocument,
    "\n  mutation RecordOutcome($id: ID!, $version: Int!, $input: OutcomeInput!) {\n    recordOutcome(candidateId: $id, version: $version, input: $input) {\n      id\n    }\n  }\n": typeof types.RecordOutcomeDocument,
    "\n  mutation CloseDemand($id: ID!, $version: Int!) {\n    closeDemand(id: $id, version: $version) {\n      id\n    }\n  }\n": typeof types.CloseDemandDocument,
    "\n  query InstrumentPage($id: ID!, $from: String!, $to: String!) {\n    instrument(id: $id) {\n      id\n      name\n      nameEn\n      model\n      manufacturer\n      country\n      mainFunctions\n      technicalIndicators\n      serviceContent\n      sharingRules\n      feeText\n      address\n      instrumentClass {\n        name\n      }\n      region {\n        name\n        nameEn\n      }\n      owner {\n        name\n      }\n      platform {\n        name\n      }\n      bookingRules {\n        bookableHours {\n          weekday\n          opens\n          closes\n        }\n        minMinutes\n        maxMinutes\n        minNoticeHours\n        maxAdvanceDays\n        requiresApproval\n        prices {\n          group\n          unit\n          rateFen\n          minimumChargeFen\n        }\n      }\n      availability(from: $from, to: $to) {\n        start\n        end\n        minutes\n      }\n    }\n  }\n": typeof types.InstrumentPageDocument,
    "\n  mutation RequestBooking($input: BookingRequestInput!) {\n    requestBooking(input: $input) {\n      id\n      status\n      start\n      end\n      estimatedChargeFen\n    }\n  }\n": typeof types.RequestBookingDocument,
    "\n  fragment PaymentCard on Payment {\n    id\n    status\n    voucherFen\n    cashFen\n    createdAt\n    succeededAt\n    redemption {\n      id\n      version\n      status\n      amountFen\n      decisionReason\n    }\n  }\n": typeof types.PaymentCardFragmentDoc,
    "\n  query Orders($mine: Boolean!, $first: Int, $after: String) {\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          amountFen\n          disputeReason\n          resolution\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n          quote {\n            description\n          }\n          payments {\n            ...PaymentCard\n          }\n        }\n      }\n    }\n    vouchers(filter: { status: GRANTED }, first: 20) @include(if: $mine) {\n      edges {\n        node {\n          id\n          schemeYear\n          balanceFen\n        }\n      }\n    }\n  }\n": typeof types.OrdersDocument,
    "\n  query OrderPayments($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      payments {\n        id\n        status\n      }\n    }\n  }\n": typeof types.OrderPaymentsDocument,
    "\n  mutation MoveOrder($id: ID!, $version: Int!, $to: OrderStatus!, $reason: String) {\n    moveOrder(orderId: $id, version: $version, to: $to, reason: $reason) {\n      id\n    }\n  }\n": typeof types.MoveOrderDocument,
    "\n  mutation PayOrder($id: ID!, $key: String!, $voucherId: ID) {\n    payOrder(orderId: $id, idempotencyKey: $key, voucherId: $voucherId) {\n      id\n      status\n    }\n  }\n": typeof types.PayOrderDocument,
    "\n  mutation ClaimRedemption($paymentId: ID!) {\n    claimRedemption(paymentId: $paymentId) {\n      id\n      status\n    }\n  }\n": typeof types.ClaimRedemptionDocument,
    "\n  query SearchPlatforms($text: String, $filter: PlatformSearchFilter) {\n    searchPlatforms(text: $text, filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nameEn\n          kind\n          industriesServed\n          region {\n            name\n            nameEn\n          }\n          capabilities {\n            name\n          }\n          accredited\n        }\n      }\n      facets {\n        kind {\n          kind\n          count\n        }\n        credential {\n          kind\n          count\n        }\n      }\n    }\n  }\n": typeof types.SearchPlatformsDocument,
    "\n  query PlatformPage($id: ID!) {\n    platform(id: $id) {\n      id\n      name\n      nameEn\n      kind\n      description\n      website\n      establishedYear\n      industriesServed\n      region {\n        name\n        nameEn\n      }\n      operator {\n        name\n      }\n      capabilities {\n        name\n        description\n      }\n      services {\n        id\n        name\n        description\n        unit\n        unitNote\n        priceMinFen\n        priceMaxFen\n        leadTimeDays\n      }\n      credentials {\n        id\n        kind\n        number\n        scope\n        validUntil\n        status\n      }\n    }\n  }\n": typeof types.PlatformPageDocument,
    "\n  mutation OpenThread($input: OpenThreadInput!) {\n    openThread(input: $input) {\n      id\n    }\n  }\n": typeof types.OpenThreadDocument,
    "\n  query SearchInstruments($text: String, $filter: InstrumentFilter, $first: Int, $after: String) {\n    searchInstruments(text: $text, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          model\n          originalValue\n          sharingMode\n          region {\n            code\n            name\n            nameEn\n          }\n          owner {\n            name\n          }\n          platform {\n            name\n          }\n          instrumentClass {\n            name\n          }\n        }\n      }\n      facets {\n        industry {\n          industry\n          count\n        }\n        region {\n          region {\n            code\n            name\n            nameEn\n          }\n          count\n        }\n        sharingMode {\n          sharingMode\n          count\n        }\n      }\n    }\n  }\n": typeof types.SearchInstrumentsDocument,
    "\n  query Threads {\n    threads(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          subject\n          status\n          unreadCount\n          lastMessageAt\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.ThreadsDocument,
    "\n  query ThreadPage($id: ID!) {\n    thread(id: $id) {\n      id\n      version\n      subject\n      status\n      mySide\n      unreadCount\n      quote {\n        id\n        version\n        description\n        amountFen\n        validUntil\n        status\n      }\n      platform {\n        id\n        name\n      }\n      enterprise {\n        name\n      }\n      service {\n        name\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            id\n            side\n            body\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": typeof types.ThreadPageDocument,
    "\n  mutation PostMessage($threadId: ID!, $input: MessageInput!) {\n    postMessage(threadId: $threadId, input: $input) {\n      id\n    }\n  }\n": typeof types.PostMessageDocument,
    "\n  mutation QuoteThread($threadId: ID!, $version: Int!, $input: QuoteInput!) {\n    quoteThread(threadId: $threadId, version: $version, input: $input) {\n      id\n    }\n  }\n": typeof types.QuoteThreadDocument,
    "\n  mutation AcceptQuote($quoteId: ID!, $version: Int!) {\n    acceptQuote(quoteId: $quoteId, version: $version) {\n      id\n    }\n  }\n": typeof types.AcceptQuoteDocument,
    "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n": typeof types.MarkThreadReadDocument,
    "\n  fragment VoucherCard on Voucher {\n    id\n    version\n    schemeYear\n    status\n    requestedFen\n    grantedFen\n    balanceFen\n    decisionReason\n    enterprise {\n      name\n    }\n  }\n": typeof types.VoucherCardFragmentDoc,
    "\n  query Vouchers($filter: VoucherFilter) {\n    vouchers(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          ...VoucherCard\n        }\n      }\n    }\n    voucherSchemes {\n      year\n      coveredSharePercent\n      perOrderCapFen\n      yearlyCapFen\n      smallOrderFen\n      qualifyingKinds\n      open\n      vouchersGranted\n    }\n  }\n": typeof types.VouchersDocument,
    "\n  mutation ApplyForVoucher($year: Int!, $requestedFen: Fen!) {\n    applyForVoucher(year: $year, requestedFen: $requestedFen) {\n      id\n    }\n  }\n": typeof types.ApplyForVoucherDocument,
    "\n  mutation DecideVoucher($id: ID!, $version: Int!, $key: String!, $grantedFen: Fen, $reason: String) {\n    decideVoucher(voucherId: $id, version: $version, idempotencyKey: $key, grantedFen: $grantedFen, reason: $reason) {\n      id\n    }\n  }\n": typeof types.DecideVoucherDocument,
    "\n  mutation OpenVoucherScheme($input: VoucherSchemeInput!) {\n    openVoucherScheme(input: $input) {\n      year\n    }\n  }\n": typeof types.OpenVoucherSchemeDocument,
    "\n  query RedemptionClaims($filter: RedemptionFilter, $first: Int, $after: String) {\n    redemptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          claimedAt\n          payment {\n            ...PaymentCard\n            order {\n              id\n              amountFen\n              platform {\n                name\n              }\n              enterprise {\n                name\n              }\n              quote {\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.RedemptionClaimsDocument,
    "\n  mutation DecideRedemption($id: ID!, $version: Int!, $approve: Boolean!, $key: String!, $reason: String) {\n    decideRedemption(redemptionId: $id, version: $version, approve: $approve, idempotencyKey: $key, reason: $reason) {\n      id\n      status\n    }\n  }\n": typeof types.DecideRedemptionDocument,
    "\n  fragment ZoneLimitFields on ZoneLimit {\n    kind\n    metal\n    capacity\n    allocated\n    remaining\n  }\n": typeof types.ZoneLimitFieldsFragmentDoc,
    "\n  fragment ZoneFit on PlantFit {\n    fits\n    zone {\n      id\n      name\n      nameEn\n      status\n    }\n    binding {\n      kind\n      headroom\n      headroomShare\n    }\n    headroom {\n      kind\n      metal\n      remaining\n      requested\n      headroom\n      fits\n    }\n  }\n": typeof types.ZoneFitFragmentDoc,
    "\n  query Zones($filter: ZoneFilter, $first: Int, $after: String) {\n    zones(filter: $filter, first: $first, after: $after, orderBy: { field: NAME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          nameEn\n          status\n          admitsNewPlants\n          areaHectares\n          region {\n            name\n            nameEn\n          }\n          water {\n            ...ZoneLimitFields\n          }\n          wastewater {\n            ...ZoneLimitFields\n          }\n          quotas {\n            ...ZoneLimitFields\n          }\n        }\n      }\n    }\n  }\n": typeof types.ZonesDocument,
    "\n  query ZonePage($id: ID!, $first: Int, $after: String) {\n    zone(id: $id) {\n      id\n      name\n      nameEn\n      status\n      admitsNewPlants\n      areaHectares\n      controlUnit\n      note\n      region {\n        name\n        nameEn\n      }\n      limits {\n        ...ZoneLimitFields\n      }\n      plants(first: $first, after: $after, orderBy: { field: NAME }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            status\n            enterprise {\n              name\n            }\n            processLines {\n              process\n              lines\n            }\n            allocation {\n              waterTonsPerDay\n              wastewaterTonsPerDay\n              emissions {\n                metal\n                kgPerYear\n              }\n            }\n            phaseOuts {\n              id\n              description\n              deadline\n              status\n              overdue\n            }\n          }\n        }\n      }\n    }\n  }\n": typeof types.ZonePageDocument,
    "\n  query PlantFit($zoneId: ID!, $demand: PlantDemandInput!) {\n    plantFit(zoneId: $zoneId, demand: $demand) {\n      ...ZoneFit\n    }\n  }\n": typeof types.PlantFitDocument,
    "\n  query ZonesFitting($demand: PlantDemandInput!) {\n    zonesFitting(demand: $demand) {\n      ...ZoneFit\n    }\n  }\n": typeof types.ZonesFittingDocument,
};
const documents: Documents = {
    "\n  query AssessmentOverview {\n    byYearAndGrade: assessmentStats(groupBy: [YEAR, GRADE]) {\n      year\n      grade\n      count\n    }\n    byYearAndRegion: assessmentStats(groupBy: [YEAR, REGION]) {\n      year\n      region {\n        code\n        name\n        nameEn\n      }\n      meanTotal\n    }\n  }\n": types.AssessmentOverviewDocument,
    "\n  query AssessmentRanking($year: Int!) {\n    assessments(filter: { year: $year }, orderBy: { field: RANK, direction: ASC }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          rank\n          total\n          grade\n          platform {\n            id\n            name\n          }\n          region {\n            name\n            nameEn\n          }\n        }\n      }\n    }\n  }\n": types.AssessmentRankingDocument,
    "\n  fragment BookingCard on Booking {\n    id\n    version\n    status\n    start\n    end\n    minutes\n    samples\n    purpose\n    estimatedChargeFen\n    decisionReason\n    instrument {\n      id\n      name\n    }\n    requester {\n      name\n    }\n    serviceRecord {\n      hours\n      chargeFen\n      rating\n      ratingComment\n    }\n  }\n": types.BookingCardFragmentDoc,
    "\n  query MyBookings($first: Int, $after: String) {\n    myBookings(first: $first, after: $after, orderBy: { field: START, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n": types.MyBookingsDocument,
    "\n  query BookingQueue($statusIn: [BookingStatus!]) {\n    bookingQueue(first: 50, filter: { statusIn: $statusIn }) {\n      totalCount\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n": types.BookingQueueDocument,
    "\n  mutation ApproveBooking($id: ID!, $version: Int!) {\n    approveBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": types.ApproveBookingDocument,
    "\n  mutation RejectBooking($id: ID!, $version: Int!, $reason: String!) {\n    rejectBooking(id: $id, version: $version, reason: $reason) {\n      ...BookingCard\n    }\n  }\n": types.RejectBookingDocument,
    "\n  mutation StartBooking($id: ID!, $version: Int!) {\n    startBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": types.StartBookingDocument,
    "\n  mutation CompleteBooking($id: ID!, $version: Int!, $record: ServiceRecordInput!) {\n    completeBooking(id: $id, version: $version, record: $record) {\n      ...BookingCard\n    }\n  }\n": types.CompleteBookingDocument,
    "\n  mutation CancelBooking($id: ID!, $version: Int!) {\n    cancelBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n": types.CancelBookingDocument,
    "\n  query Coverage($year: Int) {\n    coverage(year: $year) {\n      regionCode\n      industry\n      year\n      platformCount\n      platformsPlanned\n      platformsMissing\n      serviceCount\n      instrumentCount\n      region {\n        name\n        nameEn\n      }\n    }\n  }\n": types.CoverageDocument,
    "\n  query Demands {\n    demands(filter: { open: true }, orderBy: { field: CREATED_AT, direction: DESC }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          specification\n          quantity\n          budgetMaxFen\n          deadline\n          productClass {\n            name\n          }\n          buyer {\n            name\n          }\n          deliveryRegion {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.DemandsDocument,
    "\n  query DemandForm($groupCode: ID) {\n    groups: productClasses {\n      code\n      name\n      nameEn\n    }\n    classes: productClasses(groupCode: $groupCode) {\n      code\n      name\n      nameEn\n    }\n    regions {\n      code\n      name\n      nameEn\n    }\n  }\n": types.DemandFormDocument,
    "\n  mutation PostDemand($input: DemandInput!) {\n    postDemand(input: $input) {\n      id\n    }\n  }\n": types.PostDemandDocument,
    "\n  query DemandPage($id: ID!) {\n    demand(id: $id) {\n      id\n      version\n      specification\n      quantity\n      budgetMinFen\n      budgetMaxFen\n      deadline\n      status\n      industry\n      productClass {\n        name\n      }\n      buyer {\n        name\n      }\n      deliveryRegion {\n        name\n      }\n      matches(first: 10) {\n        score\n        inProvince\n        product {\n          id\n          name\n          priceMinFen\n          priceMaxFen\n          maker {\n            name\n          }\n        }\n        factors {\n          factor\n          weight\n          points\n          explanation\n        }\n      }\n      candidates {\n        id\n        version\n        status\n        contractAmountFen\n        contractDate\n        reason\n        product {\n          id\n          name\n          maker {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.DemandPageDocument,
    "\n  mutation ShortlistProduct($demandId: ID!, $productId: ID!) {\n    shortlistProduct(demandId: $demandId, productId: $productId) {\n      id\n    }\n  }\n": types.ShortlistProductDocument,
    "\n  mutation RecordOutcome($id: ID!, $version: Int!, $input: OutcomeInput!) {\n    recordOutcome(candidateId: $id, version: $version, input: $input) {\n      id\n    }\n  }\n": types.RecordOutcomeDocument,
    "\n  mutation CloseDemand($id: ID!, $version: Int!) {\n    closeDemand(id: $id, version: $version) {\n      id\n    }\n  }\n": types.CloseDemandDocument,
    "\n  query InstrumentPage($id: ID!, $from: String!, $to: String!) {\n    instrument(id: $id) {\n      id\n      name\n      nameEn\n      model\n      manufacturer\n      country\n      mainFunctions\n      technicalIndicators\n      serviceContent\n      sharingRules\n      feeText\n      address\n      instrumentClass {\n        name\n      }\n      region {\n        name\n        nameEn\n      }\n      owner {\n        name\n      }\n      platform {\n        name\n      }\n      bookingRules {\n        bookableHours {\n          weekday\n          opens\n          closes\n        }\n        minMinutes\n        maxMinutes\n        minNoticeHours\n        maxAdvanceDays\n        requiresApproval\n        prices {\n          group\n          unit\n          rateFen\n          minimumChargeFen\n        }\n      }\n      availability(from: $from, to: $to) {\n        start\n        end\n        minutes\n      }\n    }\n  }\n": types.InstrumentPageDocument,
    "\n  mutation RequestBooking($input: BookingRequestInput!) {\n    requestBooking(input: $input) {\n      id\n      status\n      start\n      end\n      estimatedChargeFen\n    }\n  }\n": types.RequestBookingDocument,
    "\n  fragment PaymentCard on Payment {\n    id\n    status\n    voucherFen\n    cashFen\n    createdAt\n    succeededAt\n    redemption {\n      id\n      version\n      status\n      amountFen\n      decisionReason\n    }\n  }\n": types.PaymentCardFragmentDoc,
    "\n  query Orders($mine: Boolean!, $first: Int, $after: String) {\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          amountFen\n          disputeReason\n          resolution\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n          quote {\n            description\n          }\n          payments {\n            ...PaymentCard\n          }\n        }\n      }\n    }\n    vouchers(filter: { status: GRANTED }, first: 20) @include(if: $mine) {\n      edges {\n        node {\n          id\n          schemeYear\n          balanceFen\n        }\n      }\n    }\n  }\n": types.OrdersDocument,
    "\n  query OrderPayments($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      payments {\n        id\n        status\n      }\n    }\n  }\n": types.OrderPaymentsDocument,
    "\n  mutation MoveOrder($id: ID!, $version: Int!, $to: OrderStatus!, $reason: String) {\n    moveOrder(orderId: $id, version: $version, to: $to, reason: $reason) {\n      id\n    }\n  }\n": types.MoveOrderDocument,
    "\n  mutation PayOrder($id: ID!, $key: String!, $voucherId: ID) {\n    payOrder(orderId: $id, idempotencyKey: $key, voucherId: $voucherId) {\n      id\n      status\n    }\n  }\n": types.PayOrderDocument,
    "\n  mutation ClaimRedemption($paymentId: ID!) {\n    claimRedemption(paymentId: $paymentId) {\n      id\n      status\n    }\n  }\n": types.ClaimRedemptionDocument,
    "\n  query SearchPlatforms($text: String, $filter: PlatformSearchFilter) {\n    searchPlatforms(text: $text, filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nameEn\n          kind\n          industriesServed\n          region {\n            name\n            nameEn\n          }\n          capabilities {\n            name\n          }\n          accredited\n        }\n      }\n      facets {\n        kind {\n          kind\n          count\n        }\n        credential {\n          kind\n          count\n        }\n      }\n    }\n  }\n": types.SearchPlatformsDocument,
    "\n  query PlatformPage($id: ID!) {\n    platform(id: $id) {\n      id\n      name\n      nameEn\n      kind\n      description\n      website\n      establishedYear\n      industriesServed\n      region {\n        name\n        nameEn\n      }\n      operator {\n        name\n      }\n      capabilities {\n        name\n        description\n      }\n      services {\n        id\n        name\n        description\n        unit\n        unitNote\n        priceMinFen\n        priceMaxFen\n        leadTimeDays\n      }\n      credentials {\n        id\n        kind\n        number\n        scope\n        validUntil\n        status\n      }\n    }\n  }\n": types.PlatformPageDocument,
    "\n  mutation OpenThread($input: OpenThreadInput!) {\n    openThread(input: $input) {\n      id\n    }\n  }\n": types.OpenThreadDocument,
    "\n  query SearchInstruments($text: String, $filter: InstrumentFilter, $first: Int, $after: String) {\n    searchInstruments(text: $text, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          model\n          originalValue\n          sharingMode\n          region {\n            code\n            name\n            nameEn\n          }\n          owner {\n            name\n          }\n          platform {\n            name\n          }\n          instrumentClass {\n            name\n          }\n        }\n      }\n      facets {\n        industry {\n          industry\n          count\n        }\n        region {\n          region {\n            code\n            name\n            nameEn\n          }\n          count\n        }\n        sharingMode {\n          sharingMode\n          count\n        }\n      }\n    }\n  }\n": types.SearchInstrumentsDocument,
    "\n  query Threads {\n    threads(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          subject\n          status\n          unreadCount\n          lastMessageAt\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n        }\n      }\n    }\n  }\n": types.ThreadsDocument,
    "\n  query ThreadPage($id: ID!) {\n    thread(id: $id) {\n      id\n      version\n      subject\n      status\n      mySide\n      unreadCount\n      quote {\n        id\n        version\n        description\n        amountFen\n        validUntil\n        status\n      }\n      platform {\n        id\n        name\n      }\n      enterprise {\n        name\n      }\n      service {\n        name\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            id\n            side\n            body\n            createdAt\n          }\n        }\n      }\n    }\n  }\n": types.ThreadPageDocument,
    "\n  mutation PostMessage($threadId: ID!, $input: MessageInput!) {\n    postMessage(threadId: $threadId, input: $input) {\n      id\n    }\n  }\n": types.PostMessageDocument,
    "\n  mutation QuoteThread($threadId: ID!, $version: Int!, $input: QuoteInput!) {\n    quoteThread(threadId: $threadId, version: $version, input: $input) {\n      id\n    }\n  }\n": types.QuoteThreadDocument,
    "\n  mutation AcceptQuote($quoteId: ID!, $version: Int!) {\n    acceptQuote(quoteId: $quoteId, version: $version) {\n      id\n    }\n  }\n": types.AcceptQuoteDocument,
    "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n": types.MarkThreadReadDocument,
    "\n  fragment VoucherCard on Voucher {\n    id\n    version\n    schemeYear\n    status\n    requestedFen\n    grantedFen\n    balanceFen\n    decisionReason\n    enterprise {\n      name\n    }\n  }\n": types.VoucherCardFragmentDoc,
    "\n  query Vouchers($filter: VoucherFilter) {\n    vouchers(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          ...VoucherCard\n        }\n      }\n    }\n    voucherSchemes {\n      year\n      coveredSharePercent\n      perOrderCapFen\n      yearlyCapFen\n      smallOrderFen\n      qualifyingKinds\n      open\n      vouchersGranted\n    }\n  }\n": types.VouchersDocument,
    "\n  mutation ApplyForVoucher($year: Int!, $requestedFen: Fen!) {\n    applyForVoucher(year: $year, requestedFen: $requestedFen) {\n      id\n    }\n  }\n": types.ApplyForVoucherDocument,
    "\n  mutation DecideVoucher($id: ID!, $version: Int!, $key: String!, $grantedFen: Fen, $reason: String) {\n    decideVoucher(voucherId: $id, version: $version, idempotencyKey: $key, grantedFen: $grantedFen, reason: $reason) {\n      id\n    }\n  }\n": types.DecideVoucherDocument,
    "\n  mutation OpenVoucherScheme($input: VoucherSchemeInput!) {\n    openVoucherScheme(input: $input) {\n      year\n    }\n  }\n": types.OpenVoucherSchemeDocument,
    "\n  query RedemptionClaims($filter: RedemptionFilter, $first: Int, $after: String) {\n    redemptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          claimedAt\n          payment {\n            ...PaymentCard\n            order {\n              id\n              amountFen\n              platform {\n                name\n              }\n              enterprise {\n                name\n              }\n              quote {\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n": types.RedemptionClaimsDocument,
    "\n  mutation DecideRedemption($id: ID!, $version: Int!, $approve: Boolean!, $key: String!, $reason: String) {\n    decideRedemption(redemptionId: $id, version: $version, approve: $approve, idempotencyKey: $key, reason: $reason) {\n      id\n      status\n    }\n  }\n": types.DecideRedemptionDocument,
    "\n  fragment ZoneLimitFields on ZoneLimit {\n    kind\n    metal\n    capacity\n    allocated\n    remaining\n  }\n": types.ZoneLimitFieldsFragmentDoc,
    "\n  fragment ZoneFit on PlantFit {\n    fits\n    zone {\n      id\n      name\n      nameEn\n      status\n    }\n    binding {\n      kind\n      headroom\n      headroomShare\n    }\n    headroom {\n      kind\n      metal\n      remaining\n      requested\n      headroom\n      fits\n    }\n  }\n": types.ZoneFitFragmentDoc,
    "\n  query Zones($filter: ZoneFilter, $first: Int, $after: String) {\n    zones(filter: $filter, first: $first, after: $after, orderBy: { field: NAME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          nameEn\n          status\n          admitsNewPlants\n          areaHectares\n          region {\n            name\n            nameEn\n          }\n          water {\n            ...ZoneLimitFields\n          }\n          wastewater {\n            ...ZoneLimitFields\n          }\n          quotas {\n            ...ZoneLimitFields\n          }\n        }\n      }\n    }\n  }\n": types.ZonesDocument,
    "\n  query ZonePage($id: ID!, $first: Int, $after: String) {\n    zone(id: $id) {\n      id\n      name\n      nameEn\n      status\n      admitsNewPlants\n      areaHectares\n      controlUnit\n      note\n      region {\n        name\n        nameEn\n      }\n      limits {\n        ...ZoneLimitFields\n      }\n      plants(first: $first, after: $after, orderBy: { field: NAME }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            status\n            enterprise {\n              name\n            }\n            processLines {\n              process\n              lines\n            }\n            allocation {\n              waterTonsPerDay\n              wastewaterTonsPerDay\n              emissions {\n                metal\n                kgPerYear\n              }\n            }\n            phaseOuts {\n              id\n              description\n              deadline\n              status\n              overdue\n            }\n          }\n        }\n      }\n    }\n  }\n": types.ZonePageDocument,
    "\n  query PlantFit($zoneId: ID!, $demand: PlantDemandInput!) {\n    plantFit(zoneId: $zoneId, demand: $demand) {\n      ...ZoneFit\n    }\n  }\n": types.PlantFitDocument,
    "\n  query ZonesFitting($demand: PlantDemandInput!) {\n    zonesFitting(demand: $demand) {\n      ...ZoneFit\n    }\n  }\n": types.ZonesFittingDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentOverview {\n    byYearAndGrade: assessmentStats(groupBy: [YEAR, GRADE]) {\n      year\n      grade\n      count\n    }\n    byYearAndRegion: assessmentStats(groupBy: [YEAR, REGION]) {\n      year\n      region {\n        code\n        name\n        nameEn\n      }\n      meanTotal\n    }\n  }\n"): typeof import('./graphql').AssessmentOverviewDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AssessmentRanking($year: Int!) {\n    assessments(filter: { year: $year }, orderBy: { field: RANK, direction: ASC }, first: 100) {\n      totalCount\n      edges {\n        node {\n          id\n          rank\n          total\n          grade\n          platform {\n            id\n            name\n          }\n          region {\n            name\n            nameEn\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').AssessmentRankingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment BookingCard on Booking {\n    id\n    version\n    status\n    start\n    end\n    minutes\n    samples\n    purpose\n    estimatedChargeFen\n    decisionReason\n    instrument {\n      id\n      name\n    }\n    requester {\n      name\n    }\n    serviceRecord {\n      hours\n      chargeFen\n      rating\n      ratingComment\n    }\n  }\n"): typeof import('./graphql').BookingCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBookings($first: Int, $after: String) {\n    myBookings(first: $first, after: $after, orderBy: { field: START, direction: DESC }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').MyBookingsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query BookingQueue($statusIn: [BookingStatus!]) {\n    bookingQueue(first: 50, filter: { statusIn: $statusIn }) {\n      totalCount\n      edges {\n        node {\n          ...BookingCard\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').BookingQueueDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApproveBooking($id: ID!, $version: Int!) {\n    approveBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n"): typeof import('./graphql').ApproveBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectBooking($id: ID!, $version: Int!, $reason: String!) {\n    rejectBooking(id: $id, version: $version, reason: $reason) {\n      ...BookingCard\n    }\n  }\n"): typeof import('./graphql').RejectBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartBooking($id: ID!, $version: Int!) {\n    startBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n"): typeof import('./graphql').StartBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CompleteBooking($id: ID!, $version: Int!, $record: ServiceRecordInput!) {\n    completeBooking(id: $id, version: $version, record: $record) {\n      ...BookingCard\n    }\n  }\n"): typeof import('./graphql').CompleteBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelBooking($id: ID!, $version: Int!) {\n    cancelBooking(id: $id, version: $version) {\n      ...BookingCard\n    }\n  }\n"): typeof import('./graphql').CancelBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Coverage($year: Int) {\n    coverage(year: $year) {\n      regionCode\n      industry\n      year\n      platformCount\n      platformsPlanned\n      platformsMissing\n      serviceCount\n      instrumentCount\n      region {\n        name\n        nameEn\n      }\n    }\n  }\n"): typeof import('./graphql').CoverageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Demands {\n    demands(filter: { open: true }, orderBy: { field: CREATED_AT, direction: DESC }, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          specification\n          quantity\n          budgetMaxFen\n          deadline\n          productClass {\n            name\n          }\n          buyer {\n            name\n          }\n          deliveryRegion {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DemandsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemandForm($groupCode: ID) {\n    groups: productClasses {\n      code\n      name\n      nameEn\n    }\n    classes: productClasses(groupCode: $groupCode) {\n      code\n      name\n      nameEn\n    }\n    regions {\n      code\n      name\n      nameEn\n    }\n  }\n"): typeof import('./graphql').DemandFormDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostDemand($input: DemandInput!) {\n    postDemand(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').PostDemandDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DemandPage($id: ID!) {\n    demand(id: $id) {\n      id\n      version\n      specification\n      quantity\n      budgetMinFen\n      budgetMaxFen\n      deadline\n      status\n      industry\n      productClass {\n        name\n      }\n      buyer {\n        name\n      }\n      deliveryRegion {\n        name\n      }\n      matches(first: 10) {\n        score\n        inProvince\n        product {\n          id\n          name\n          priceMinFen\n          priceMaxFen\n          maker {\n            name\n          }\n        }\n        factors {\n          factor\n          weight\n          points\n          explanation\n        }\n      }\n      candidates {\n        id\n        version\n        status\n        contractAmountFen\n        contractDate\n        reason\n        product {\n          id\n          name\n          maker {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').DemandPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ShortlistProduct($demandId: ID!, $productId: ID!) {\n    shortlistProduct(demandId: $demandId, productId: $productId) {\n      id\n    }\n  }\n"): typeof import('./graphql').ShortlistProductDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RecordOutcome($id: ID!, $version: Int!, $input: OutcomeInput!) {\n    recordOutcome(candidateId: $id, version: $version, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').RecordOutcomeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseDemand($id: ID!, $version: Int!) {\n    closeDemand(id: $id, version: $version) {\n      id\n    }\n  }\n"): typeof import('./graphql').CloseDemandDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InstrumentPage($id: ID!, $from: String!, $to: String!) {\n    instrument(id: $id) {\n      id\n      name\n      nameEn\n      model\n      manufacturer\n      country\n      mainFunctions\n      technicalIndicators\n      serviceContent\n      sharingRules\n      feeText\n      address\n      instrumentClass {\n        name\n      }\n      region {\n        name\n        nameEn\n      }\n      owner {\n        name\n      }\n      platform {\n        name\n      }\n      bookingRules {\n        bookableHours {\n          weekday\n          opens\n          closes\n        }\n        minMinutes\n        maxMinutes\n        minNoticeHours\n        maxAdvanceDays\n        requiresApproval\n        prices {\n          group\n          unit\n          rateFen\n          minimumChargeFen\n        }\n      }\n      availability(from: $from, to: $to) {\n        start\n        end\n        minutes\n      }\n    }\n  }\n"): typeof import('./graphql').InstrumentPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestBooking($input: BookingRequestInput!) {\n    requestBooking(input: $input) {\n      id\n      status\n      start\n      end\n      estimatedChargeFen\n    }\n  }\n"): typeof import('./graphql').RequestBookingDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment PaymentCard on Payment {\n    id\n    status\n    voucherFen\n    cashFen\n    createdAt\n    succeededAt\n    redemption {\n      id\n      version\n      status\n      amountFen\n      decisionReason\n    }\n  }\n"): typeof import('./graphql').PaymentCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Orders($mine: Boolean!, $first: Int, $after: String) {\n    orders(first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          amountFen\n          disputeReason\n          resolution\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n          quote {\n            description\n          }\n          payments {\n            ...PaymentCard\n          }\n        }\n      }\n    }\n    vouchers(filter: { status: GRANTED }, first: 20) @include(if: $mine) {\n      edges {\n        node {\n          id\n          schemeYear\n          balanceFen\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').OrdersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OrderPayments($id: ID!) {\n    order(id: $id) {\n      id\n      status\n      payments {\n        id\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').OrderPaymentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MoveOrder($id: ID!, $version: Int!, $to: OrderStatus!, $reason: String) {\n    moveOrder(orderId: $id, version: $version, to: $to, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').MoveOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PayOrder($id: ID!, $key: String!, $voucherId: ID) {\n    payOrder(orderId: $id, idempotencyKey: $key, voucherId: $voucherId) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').PayOrderDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ClaimRedemption($paymentId: ID!) {\n    claimRedemption(paymentId: $paymentId) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').ClaimRedemptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchPlatforms($text: String, $filter: PlatformSearchFilter) {\n    searchPlatforms(text: $text, filter: $filter, first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          name\n          nameEn\n          kind\n          industriesServed\n          region {\n            name\n            nameEn\n          }\n          capabilities {\n            name\n          }\n          accredited\n        }\n      }\n      facets {\n        kind {\n          kind\n          count\n        }\n        credential {\n          kind\n          count\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchPlatformsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlatformPage($id: ID!) {\n    platform(id: $id) {\n      id\n      name\n      nameEn\n      kind\n      description\n      website\n      establishedYear\n      industriesServed\n      region {\n        name\n        nameEn\n      }\n      operator {\n        name\n      }\n      capabilities {\n        name\n        description\n      }\n      services {\n        id\n        name\n        description\n        unit\n        unitNote\n        priceMinFen\n        priceMaxFen\n        leadTimeDays\n      }\n      credentials {\n        id\n        kind\n        number\n        scope\n        validUntil\n        status\n      }\n    }\n  }\n"): typeof import('./graphql').PlatformPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenThread($input: OpenThreadInput!) {\n    openThread(input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').OpenThreadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SearchInstruments($text: String, $filter: InstrumentFilter, $first: Int, $after: String) {\n    searchInstruments(text: $text, filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          model\n          originalValue\n          sharingMode\n          region {\n            code\n            name\n            nameEn\n          }\n          owner {\n            name\n          }\n          platform {\n            name\n          }\n          instrumentClass {\n            name\n          }\n        }\n      }\n      facets {\n        industry {\n          industry\n          count\n        }\n        region {\n          region {\n            code\n            name\n            nameEn\n          }\n          count\n        }\n        sharingMode {\n          sharingMode\n          count\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').SearchInstrumentsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Threads {\n    threads(first: 50) {\n      totalCount\n      edges {\n        node {\n          id\n          subject\n          status\n          unreadCount\n          lastMessageAt\n          platform {\n            name\n          }\n          enterprise {\n            name\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ThreadsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ThreadPage($id: ID!) {\n    thread(id: $id) {\n      id\n      version\n      subject\n      status\n      mySide\n      unreadCount\n      quote {\n        id\n        version\n        description\n        amountFen\n        validUntil\n        status\n      }\n      platform {\n        id\n        name\n      }\n      enterprise {\n        name\n      }\n      service {\n        name\n      }\n      messages(first: 100) {\n        edges {\n          node {\n            id\n            side\n            body\n            createdAt\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ThreadPageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation PostMessage($threadId: ID!, $input: MessageInput!) {\n    postMessage(threadId: $threadId, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').PostMessageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation QuoteThread($threadId: ID!, $version: Int!, $input: QuoteInput!) {\n    quoteThread(threadId: $threadId, version: $version, input: $input) {\n      id\n    }\n  }\n"): typeof import('./graphql').QuoteThreadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptQuote($quoteId: ID!, $version: Int!) {\n    acceptQuote(quoteId: $quoteId, version: $version) {\n      id\n    }\n  }\n"): typeof import('./graphql').AcceptQuoteDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkThreadRead($threadId: ID!) {\n    markThreadRead(threadId: $threadId) {\n      id\n      unreadCount\n    }\n  }\n"): typeof import('./graphql').MarkThreadReadDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VoucherCard on Voucher {\n    id\n    version\n    schemeYear\n    status\n    requestedFen\n    grantedFen\n    balanceFen\n    decisionReason\n    enterprise {\n      name\n    }\n  }\n"): typeof import('./graphql').VoucherCardFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Vouchers($filter: VoucherFilter) {\n    vouchers(filter: $filter, first: 100) {\n      totalCount\n      edges {\n        node {\n          ...VoucherCard\n        }\n      }\n    }\n    voucherSchemes {\n      year\n      coveredSharePercent\n      perOrderCapFen\n      yearlyCapFen\n      smallOrderFen\n      qualifyingKinds\n      open\n      vouchersGranted\n    }\n  }\n"): typeof import('./graphql').VouchersDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ApplyForVoucher($year: Int!, $requestedFen: Fen!) {\n    applyForVoucher(year: $year, requestedFen: $requestedFen) {\n      id\n    }\n  }\n"): typeof import('./graphql').ApplyForVoucherDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideVoucher($id: ID!, $version: Int!, $key: String!, $grantedFen: Fen, $reason: String) {\n    decideVoucher(voucherId: $id, version: $version, idempotencyKey: $key, grantedFen: $grantedFen, reason: $reason) {\n      id\n    }\n  }\n"): typeof import('./graphql').DecideVoucherDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenVoucherScheme($input: VoucherSchemeInput!) {\n    openVoucherScheme(input: $input) {\n      year\n    }\n  }\n"): typeof import('./graphql').OpenVoucherSchemeDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RedemptionClaims($filter: RedemptionFilter, $first: Int, $after: String) {\n    redemptions(filter: $filter, first: $first, after: $after) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          version\n          status\n          claimedAt\n          payment {\n            ...PaymentCard\n            order {\n              id\n              amountFen\n              platform {\n                name\n              }\n              enterprise {\n                name\n              }\n              quote {\n                description\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').RedemptionClaimsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DecideRedemption($id: ID!, $version: Int!, $approve: Boolean!, $key: String!, $reason: String) {\n    decideRedemption(redemptionId: $id, version: $version, approve: $approve, idempotencyKey: $key, reason: $reason) {\n      id\n      status\n    }\n  }\n"): typeof import('./graphql').DecideRedemptionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ZoneLimitFields on ZoneLimit {\n    kind\n    metal\n    capacity\n    allocated\n    remaining\n  }\n"): typeof import('./graphql').ZoneLimitFieldsFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ZoneFit on PlantFit {\n    fits\n    zone {\n      id\n      name\n      nameEn\n      status\n    }\n    binding {\n      kind\n      headroom\n      headroomShare\n    }\n    headroom {\n      kind\n      metal\n      remaining\n      requested\n      headroom\n      fits\n    }\n  }\n"): typeof import('./graphql').ZoneFitFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Zones($filter: ZoneFilter, $first: Int, $after: String) {\n    zones(filter: $filter, first: $first, after: $after, orderBy: { field: NAME }) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          id\n          name\n          nameEn\n          status\n          admitsNewPlants\n          areaHectares\n          region {\n            name\n            nameEn\n          }\n          water {\n            ...ZoneLimitFields\n          }\n          wastewater {\n            ...ZoneLimitFields\n          }\n          quotas {\n            ...ZoneLimitFields\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ZonesDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ZonePage($id: ID!, $first: Int, $after: String) {\n    zone(id: $id) {\n      id\n      name\n      nameEn\n      status\n      admitsNewPlants\n      areaHectares\n      controlUnit\n      note\n      region {\n        name\n        nameEn\n      }\n      limits {\n        ...ZoneLimitFields\n      }\n      plants(first: $first, after: $after, orderBy: { field: NAME }) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          node {\n            id\n            name\n            status\n            enterprise {\n              name\n            }\n            processLines {\n              process\n              lines\n            }\n            allocation {\n              waterTonsPerDay\n              wastewaterTonsPerDay\n              emissions {\n                metal\n                kgPerYear\n              }\n            }\n            phaseOuts {\n              id\n              description\n              deadline\n              status\n              overdue\n            }\n          }\n        }\n      }\n    }\n  }\n"): typeof import('./graphql').ZonePageDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query PlantFit($zoneId: ID!, $demand: PlantDemandInput!) {\n    plantFit(zoneId: $zoneId, demand: $demand) {\n      ...ZoneFit\n    }\n  }\n"): typeof import('./graphql').PlantFitDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ZonesFitting($demand: PlantDemandInput!) {\n    zonesFitting(demand: $demand) {\n      ...ZoneFit\n    }\n  }\n"): typeof import('./graphql').ZonesFittingDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
