/**
 * The portal as its users meet it, in headless Chromium (Debian's package, driven by
 * playwright-core) against `pnpm start` on a fresh embedded database: an SME signs in, finds an
 * instrument and books it; the owner approves it from the queue; the SME sees it approved; the
 * owner completes it with the user's rating, and the rating shows in the SME's bookings. An SME
 * asks a platform a question from its page and reads the operator's answer. The department grants
 * a voucher that pays a quoted order. An SME disputes a delivered order and the department resolves
 * it; the SME pays it partly with the voucher, the page shows the cash part waiting for the
 * (simulated) provider until its callback settles the order; the operator claims the voucher's
 * part and the department approves the claim. A demand posted gets ranked suppliers with their
 * scores explained; the buyer shortlists two and records their outcomes. Each electroplating zone
 * shows its quotas, and a plant that would overdraw one is told which. Pages load nothing but the
 * portal and the gateway, and log no console error. Each step leaves a screenshot in
 * test-results/portal/. Where Chromium is missing the test says so and is skipped.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumInstalled, launchChromium } from '../../scripts/lib/chromium.ts';
import { repoRoot } from '../../scripts/lib/cli.ts';
import { bareEnvironment, type FederationProcess, startFederation } from '../../scripts/lib/federationProcess.ts';
import { SimulatedPaymentProvider } from '../../subgraphs/platforms/src/payments/simulator.ts';

const SCREENSHOTS = join(repoRoot, 'test-results', 'portal');
const OWNER_NAME = '遵义汽车零部件质量检测有限公司';

interface Watched {
  page: Page;
  /** Console errors and uncaught exceptions. */
  errors: string[];
  /** Requests to anywhere but the portal and the gateway, refused. */
  blocked: string[];
}

describe.skipIf(!chromiumInstalled)('the portal in a browser', () => {
  let federation: FederationProcess;
  let browser: Browser;
  let closeBrowser: (() => Promise<void>) | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'gzequip-portal-e2e-'));
  const watched: Watched[] = [];

  beforeAll(async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    federation = await startFederation(await bareEnvironment(dataDir));
    ({ browser, close: closeBrowser } = await launchChromium());
  }, 180_000);

  afterAll(async () => {
    await closeBrowser?.();
    await federation?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** A page in a context of its own (one user), watched for errors and stray requests. */
  async function open(
    options: Parameters<Browser['newContext']>[0] = {},
  ): Promise<Watched & { context: BrowserContext }> {
    const allowed = [new URL(federation.portalUrl).origin, new URL(federation.gatewayUrl).origin];
    const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
    const entry: Watched = { page: await context.newPage(), errors: [], blocked: [] };
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (allowed.some((origin) => url.startsWith(`${origin}/`))) {
        await route.continue();
        return;
      }
      entry.blocked.push(url);
      await route.abort();
    });
    entry.page.on('console', (message) => {
      if (message.type() === 'error') entry.errors.push(message.text());
    });
    entry.page.on('pageerror', (error) => entry.errors.push(error.message));
    watched.push(entry);
    return { ...entry, context };
  }

  async function signIn(page: Page, preset: RegExp): Promise<void> {
    await page.goto(federation.portalUrl);
    await page.getByRole('link', { name: '登录' }).click();
    await page.getByRole('button', { name: preset }).click();
    await page.getByRole('button', { name: '退出' }).waitFor();
  }

  const shot = (page: Page, name: string) =>
    page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });

  it('search → book → approve → approved in my bookings → complete → the rating shows', async () => {
    const sme = await open();
    await signIn(sme.page, /中小企业用户/);

    // Find: the search, then the owner's X-ray diffractometer among the results.
    await sme.page.getByPlaceholder(/仪器名称/).fill('X射线衍射仪');
    await sme.page.getByRole('button', { name: '搜索' }).click();
    const card = sme.page.locator('li.card', { hasText: OWNER_NAME }).filter({ hasText: 'X射线衍射仪' }).first();
    await card.waitFor();
    await shot(sme.page, '1-search');
    await card.getByRole('link').click();

    // Book: its page shows the fees and rules; the first free slot fills the form.
    await sme.page.getByRole('heading', { name: '收费标准' }).waitFor();
    await expect.poll(() => sme.page.getByText('省内中小企业').count()).toBeGreaterThan(0);
    await sme.page.locator('button.slot').first().click();
    await sme.page.getByLabel('样品数').fill('3');
    await sme.page.getByLabel('用途说明').fill('齿轮渗碳层残余奥氏体含量测定');
    await sme.page.getByRole('button', { name: '提交预约' }).click();
    await sme.page.getByRole('status').filter({ hasText: '待审批' }).waitFor();
    await shot(sme.page, '2-booked');
    await sme.page.getByRole('link', { name: '查看我的预约' }).click();
    const mine = sme.page.locator('li.booking', { hasText: '齿轮渗碳层残余奥氏体含量测定' });
    await expect.poll(() => mine.locator('.status').textContent()).toBe('待审批');
    const bookingId = await mine.getAttribute('data-booking');
    expect(bookingId).toBeTruthy();

    // Approve: the owner's queue holds it.
    const owner = await open();
    await signIn(owner.page, /仪器所有者/);
    await owner.page.getByRole('link', { name: '待审批' }).click();
    const queued = owner.page.locator(`li[data-booking="${bookingId}"]`);
    await queued.waitFor();
    await shot(owner.page, '3-queue');
    await queued.getByRole('button', { name: '批准' }).click();
    await expect.poll(() => queued.locator('.status').textContent()).toBe('已批准');

    // The SME sees it approved.
    await sme.page.reload();
    await expect.poll(() => mine.locator('.status').textContent()).toBe('已批准');
    await shot(sme.page, '4-approved');

    // Complete with the user's rating; the rating shows in the SME's bookings.
    await queued.getByRole('button', { name: '完成并记录' }).click();
    await queued.getByLabel('用户评价（1–5 分）').fill('4');
    await queued.getByRole('button', { name: '保存' }).click();
    await queued.waitFor({ state: 'detached' });
    await sme.page.reload();
    await expect.poll(() => mine.locator('.status').textContent()).toBe('已完成');
    expect(await mine.locator('.rating').textContent()).toContain('★★★★☆');
    await shot(sme.page, '5-rated');
  });

  it('reads a long list a page at a time: more on request, none twice, until the last', async () => {
    const { page } = await open();
    await page.goto(federation.portalUrl);
    const count =
      (await page
        .locator('p.count')
        .filter({ hasText: /共 \d+ 台/ })
        .textContent()) ?? '';
    const total = Number(/共 (\d+) 台/.exec(count)?.[1]);
    expect(total).toBeGreaterThan(20);
    const links = page.locator('ul.results li.card h2 a');
    await expect.poll(() => links.count()).toBe(20);
    const more = page.getByRole('button', { name: '加载更多' });
    while (await more.isVisible()) {
      const before = await links.count();
      await more.click();
      await expect.poll(() => links.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    }
    const addresses = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href')));
    expect(addresses).toHaveLength(total);
    expect(new Set(addresses).size).toBe(total);
    // A new search starts again from its first page.
    await page.getByRole('searchbox').fill('试验');
    await page.getByRole('button', { name: '搜索', exact: true }).click();
    await expect.poll(() => links.count()).toBeLessThanOrEqual(20);
  });

  it('reads in English on a phone, and the language stays chosen', async () => {
    const { page } = await open({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await page.goto(federation.portalUrl);
    await page.getByRole('button', { name: '切换语言' }).click();
    await page.getByRole('heading', { name: 'Find large research instruments' }).waitFor();
    await expect.poll(() => page.locator('li.card').count()).toBeGreaterThan(0);
    await page.reload();
    await page.getByRole('heading', { name: 'Find large research instruments' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    // Nothing wider than the screen.
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, '6-phone-english');
  });

  it('a message thread: an SME asks a platform from its page, the operator answers, the SME reads it', async () => {
    const sme = await open();
    await signIn(sme.page, /中小企业用户/);
    await sme.page.getByRole('link', { name: '找平台' }).click();
    await sme.page.getByPlaceholder(/服务能力/).fill('航空');
    await sme.page.getByRole('button', { name: '搜索' }).click();
    await sme.page.getByRole('link', { name: '贵州省航空装备检验检测公共服务平台' }).click();
    await sme.page.getByRole('heading', { name: '服务项目' }).waitFor();
    await sme.page.getByLabel('主题').fill('液压阀体盐雾试验咨询');
    await sme.page.getByLabel('咨询内容').fill('我们有20件液压阀体需做96小时中性盐雾试验，请问周期和费用？');
    await sme.page.getByRole('button', { name: '发送咨询' }).click();
    await sme.page.getByRole('heading', { name: '液压阀体盐雾试验咨询' }).waitFor();
    const threadUrl = sme.page.url();

    const operator = await open();
    await signIn(operator.page, /平台运营者/);
    await operator.page.getByRole('link', { name: '消息' }).click();
    const listed = operator.page.locator('li.thread', { hasText: '液压阀体盐雾试验咨询' });
    await listed.locator('.badge').waitFor();
    await listed.getByRole('link').click();
    await operator.page.getByText('96小时中性盐雾试验').waitFor();
    await operator.page.getByLabel('回复').fill('可以做，周期5个工作日，每件120元，欢迎送样。');
    await operator.page.getByRole('button', { name: '发送', exact: true }).click();
    await operator.page.locator('.message.mine', { hasText: '周期5个工作日' }).waitFor();
    await shot(operator.page, '8-thread-operator');

    await sme.page.goto(threadUrl);
    await sme.page.locator('.message:not(.mine)', { hasText: '周期5个工作日' }).waitFor();
    await shot(sme.page, '9-thread-sme');
  });

  it('a voucher payment: the department opens a scheme and grants an SME a voucher, which pays a quoted order whole', async () => {
    const department = await open();
    await signIn(department.page, /管理员/);
    await department.page.getByRole('link', { name: '创新券' }).click();
    await department.page.getByRole('button', { name: '开放方案' }).click();
    await department.page.locator('.schemes li').first().waitFor();

    const sme = await open();
    await signIn(sme.page, /中小企业用户/);
    await sme.page.getByRole('link', { name: '创新券' }).click();
    await sme.page.getByLabel('申请额度（元）').fill('5000');
    await sme.page.getByRole('button', { name: '提交申请' }).click();
    await sme.page.locator('li.voucher .status', { hasText: '待审批' }).waitFor();
    // One voucher a year: a second application is refused where it was made, and nothing is stored.
    await sme.page.getByLabel('申请额度（元）').fill('3000');
    await sme.page.getByRole('button', { name: '提交申请' }).click();
    await sme.page.getByRole('alert').waitFor();
    expect(await sme.page.locator('li.voucher').count()).toBe(1);

    await department.page.reload();
    const application = department.page.locator('li.voucher', { hasText: '遵义贵鑫液压科技有限公司' });
    await application.getByRole('button', { name: '发放' }).click();
    await application.waitFor({ state: 'detached' });
    await sme.page.reload();
    await expect.poll(() => sme.page.locator('li.voucher .balance').textContent()).toBe('¥5,000.00');

    // A quote on a thread, accepted: an order of ¥800, under the scheme's small-order line.
    await sme.page.goto(new URL('/platforms/plt-01', federation.portalUrl).toString());
    await sme.page.getByLabel('主题').fill('游标卡尺与千分尺校准');
    await sme.page.getByLabel('咨询内容').fill('共8件量具需校准，请报价。');
    await sme.page.getByRole('button', { name: '发送咨询' }).click();
    await sme.page.getByRole('heading', { name: '游标卡尺与千分尺校准' }).waitFor();
    const threadUrl = sme.page.url();

    const operator = await open();
    await signIn(operator.page, /平台运营者/);
    await operator.page.goto(threadUrl);
    await operator.page.getByLabel('服务内容').fill('8件量具校准，出具校准证书');
    await operator.page.getByLabel('总价（元）').fill('800');
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await operator.page.getByLabel('报价有效期至').fill(validUntil);
    await operator.page.getByRole('button', { name: '发送报价' }).click();
    await operator.page.locator('.quote', { hasText: '¥800.00' }).waitFor();

    await sme.page.reload();
    await sme.page.getByRole('button', { name: '接受报价并下单' }).click();
    const order = sme.page.locator('li.order', { hasText: '8件量具校准' });
    await expect.poll(() => order.locator('.status').textContent()).toBe('已下单');

    await operator.page.getByRole('link', { name: '订单' }).click();
    const served = operator.page.locator('li.order', { hasText: '8件量具校准' });
    await served.getByRole('button', { name: '开始服务' }).click();
    await served.getByRole('button', { name: '交付' }).click();
    await expect.poll(() => served.locator('.status').textContent()).toBe('已交付');

    await sme.page.reload();
    await order.getByRole('button', { name: '验收' }).click();
    await order.getByRole('button', { name: '支付' }).click();
    await expect.poll(() => order.locator('.status').textContent()).toBe('已结算');
    expect(await order.locator('.payment').textContent()).toContain('创新券 ¥800.00，现金 ¥0.00');
    await shot(sme.page, '11-voucher-paid');
    await sme.page.getByRole('link', { name: '创新券' }).click();
    await expect.poll(() => sme.page.locator('li.voucher .balance').textContent()).toBe('¥4,200.00');
  });

  it("a dispute raised and resolved, a payment waiting for the provider, the voucher's part claimed and approved", async () => {
    // Follows the voucher payment above: the year's scheme is open (50% covered above ¥1,000) and
    // the SME's voucher has ¥4,200 left.
    const sme = await open();
    await signIn(sme.page, /中小企业用户/);
    await sme.page.goto(new URL('/platforms/plt-01', federation.portalUrl).toString());
    await sme.page.getByLabel('主题').fill('起落架作动筒疲劳试验');
    await sme.page.getByLabel('咨询内容').fill('作动筒2件，需做10万次疲劳试验，请报价。');
    await sme.page.getByRole('button', { name: '发送咨询' }).click();
    await sme.page.getByRole('heading', { name: '起落架作动筒疲劳试验' }).waitFor();
    const threadUrl = sme.page.url();

    const operator = await open();
    await signIn(operator.page, /平台运营者/);
    await operator.page.goto(threadUrl);
    await operator.page.getByLabel('服务内容').fill('作动筒疲劳试验10万次，出具检测报告');
    await operator.page.getByLabel('总价（元）').fill('3000');
    const validUntil = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await operator.page.getByLabel('报价有效期至').fill(validUntil);
    await operator.page.getByRole('button', { name: '发送报价' }).click();
    await operator.page.locator('.quote', { hasText: '¥3,000.00' }).waitFor();

    await sme.page.reload();
    await sme.page.getByRole('button', { name: '接受报价并下单' }).click();
    const order = sme.page.locator('li.order', { hasText: '作动筒疲劳试验10万次' });
    await expect.poll(() => order.locator('.status').textContent()).toBe('已下单');

    await operator.page.getByRole('link', { name: '订单' }).click();
    const served = operator.page.locator('li.order', { hasText: '作动筒疲劳试验10万次' });
    await served.getByRole('button', { name: '开始服务' }).click();
    await served.getByRole('button', { name: '交付' }).click();
    await expect.poll(() => served.locator('.status').textContent()).toBe('已交付');

    // The SME disputes the delivery, saying what is wrong.
    await sme.page.reload();
    await order.getByLabel('争议理由').fill('报告未给出测量不确定度，第2件试样未做完。');
    await order.getByRole('button', { name: '提出争议' }).click();
    await expect.poll(() => order.locator('.status').textContent()).toBe('有争议');
    expect(await order.locator('.dispute-reason').textContent()).toBe('报告未给出测量不确定度，第2件试样未做完。');
    expect(await order.getByRole('button', { name: '验收' }).count()).toBe(0);
    await shot(sme.page, '13-order-disputed');
    await operator.page.reload();
    await expect.poll(() => served.locator('.status').textContent()).toBe('有争议');
    expect(await served.getByRole('button').count()).toBe(0);

    // The department resolves it: the work is taken as accepted, and says why.
    const department = await open();
    await signIn(department.page, /管理员/);
    await department.page.getByRole('link', { name: '订单' }).click();
    const disputed = department.page.locator('li.order', { hasText: '作动筒疲劳试验10万次' });
    await expect.poll(() => disputed.locator('.status').textContent()).toBe('有争议');
    await disputed.getByLabel('处理为').selectOption('ACCEPTED');
    await disputed.getByLabel('争议处理结果').fill('平台已补做第2件并补充不确定度，视为验收。');
    await disputed.getByRole('button', { name: '处理争议' }).click();
    await expect.poll(() => disputed.locator('.status').textContent()).toBe('已验收');
    expect(await disputed.locator('.resolution').textContent()).toBe('平台已补做第2件并补充不确定度，视为验收。');
    await shot(department.page, '14-dispute-resolved');

    // The SME pays with the voucher: half of ¥3,000 comes off it, the cash half waits for the provider.
    await sme.page.reload();
    await expect.poll(() => order.locator('.status').textContent()).toBe('已验收');
    await order.getByRole('button', { name: '支付' }).click();
    const payment = order.locator('.payment');
    await expect.poll(() => payment.locator('.payment-status').textContent()).toBe('现金待到账');
    expect(await payment.textContent()).toContain('¥3,000.00（创新券 ¥1,500.00，现金 ¥1,500.00）');
    expect(await payment.textContent()).toContain('现金部分 ¥1,500.00 尚未到账');
    const paymentId = (await payment.getAttribute('data-payment')) as string;
    expect(paymentId).toMatch(/^pay-/);
    expect(await payment.locator('.reference').textContent()).toBe(paymentId);
    expect(await order.locator('.status').textContent()).toBe('已验收');
    await shot(sme.page, '15-payment-waiting');

    // The provider's signed callback, as `pnpm pay:simulate` sends it; the page reads the payment
    // again by itself and shows the order settled, without a reload.
    const { PAYMENT_CALLBACK_SECRET } = JSON.parse(readFileSync(join(dataDir, 'dev-secrets.json'), 'utf8')) as {
      PAYMENT_CALLBACK_SECRET: string;
    };
    const provider = new SimulatedPaymentProvider(
      `http://127.0.0.1:${federation.env.PLATFORMS_PORT}`,
      PAYMENT_CALLBACK_SECRET,
    );
    expect((await provider.deliver({ paymentId, amountFen: 150_000 })).status).toBe(200);
    await order.locator('.status', { hasText: '已结算' }).waitFor({ timeout: 20_000 });
    await expect.poll(() => payment.locator('.payment-status').textContent()).toBe('已支付');
    expect(await order.locator('.redemption').textContent()).toBe('平台尚未申领');

    // The operator claims the voucher's part; the department approves the claim.
    await operator.page.reload();
    await served.getByRole('button', { name: '申领创新券补贴 ¥1,500.00' }).click();
    await expect
      .poll(() => served.locator('.redemption-status').textContent())
      .toBe('¥1,500.00 · 平台已申领，待主管部门审核');
    expect(await served.getByRole('button').count()).toBe(0);
    await shot(operator.page, '16-redemption-claimed');

    await department.page.getByRole('link', { name: '创新券' }).click();
    // The department's list shows the claims awaiting a decision; decided, a claim leaves it and
    // shows among the approved ones.
    const claim = department.page.locator('li.redemption-claim', { hasText: '作动筒疲劳试验10万次' });
    await expect
      .poll(() => claim.locator('.redemption-status').textContent())
      .toBe('¥1,500.00 · 平台已申领，待主管部门审核');
    await claim.getByRole('button', { name: '批准' }).click();
    await claim.waitFor({ state: 'detached' });
    await department.page.getByLabel('申领状态').selectOption('APPROVED');
    await expect.poll(() => claim.locator('.redemption-status').textContent()).toBe('¥1,500.00 · 已批准，已付给平台');
    expect(await claim.getByRole('button').count()).toBe(0);
    await shot(department.page, '17-redemption-approved');

    await operator.page.reload();
    await expect.poll(() => served.locator('.redemption-status').textContent()).toBe('¥1,500.00 · 已批准，已付给平台');
    await sme.page.getByRole('link', { name: '创新券' }).click();
    await expect.poll(() => sme.page.locator('li.voucher .balance').textContent()).toBe('¥2,700.00');
  });

  it('a demand posted gets ranked suppliers, each score explained', async () => {
    const buyer = await open();
    await signIn(buyer.page, /中小企业用户/);
    await buyer.page.getByRole('link', { name: '供需对接' }).click();
    await buyer.page.getByLabel('装备大类').selectOption('AU');
    await buyer.page.getByLabel('装备类别').selectOption('AU02');
    await buyer.page.getByLabel('规格要求').fill('发动机连杆，材料36MnVS4，胀断工艺，大头孔直径60mm');
    await buyer.page.getByLabel('数量').fill('2000');
    await buyer.page.getByLabel('预算下限（元）').fill('60000');
    await buyer.page.getByLabel('预算上限（元）').fill('90000');
    await buyer.page.getByLabel('截止日期').fill(new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10));
    await buyer.page.getByLabel('交付地区').selectOption('520300');
    await buyer.page.getByRole('button', { name: '发布并查看匹配' }).click();
    await buyer.page.getByRole('heading', { name: '推荐供应商' }).waitFor();
    const matches = buyer.page.locator('li.match');
    await expect.poll(() => matches.count()).toBeGreaterThan(0);
    const scores = (await matches.locator('.score').allTextContents()).map((text) => Number.parseFloat(text));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    await matches.first().getByText('为什么是这个分数').click();
    await expect.poll(() => matches.first().locator('table.factors tbody tr').count()).toBe(8);
    await shot(buyer.page, '12-demand-matches');

    // The buyer shortlists the two best, agrees with one and records no deal with the other.
    await buyer.page.getByRole('heading', { name: '候选名单（0）' }).waitFor();
    const best = await matches.nth(0).getAttribute('data-product');
    const second = await matches.nth(1).getAttribute('data-product');
    await matches.nth(0).getByRole('button', { name: '加入候选名单' }).click();
    await buyer.page.getByRole('heading', { name: '候选名单（1）' }).waitFor();
    await matches.nth(1).getByRole('button', { name: '加入候选名单' }).click();
    await buyer.page.getByRole('heading', { name: '候选名单（2）' }).waitFor();
    expect(await matches.nth(0).getByRole('button', { name: '加入候选名单' }).count()).toBe(0);
    const first = buyer.page.locator(`li.candidate[data-product="${best}"]`);
    const other = buyer.page.locator(`li.candidate[data-product="${second}"]`);
    await other.getByRole('button', { name: '记录对接结果' }).click();
    await other.getByLabel('未成交').check();
    // Blanks are no reason: the subgraph refuses, the form stays open, nothing is stored.
    await other.getByLabel('未成交原因').fill('   ');
    await other.getByRole('button', { name: '保存结果' }).click();
    await other.getByRole('alert').waitFor();
    await expect.poll(() => other.locator('.status').textContent()).toBe('候选');
    await other.getByLabel('未成交原因').fill('交货期无法满足');
    await other.getByRole('button', { name: '保存结果' }).click();
    await expect.poll(() => other.locator('.status').textContent()).toBe('未成交');
    await first.getByRole('button', { name: '记录对接结果' }).click();
    await first.getByLabel('已签约').check();
    await first.getByLabel('合同金额（元）').fill('72000');
    // Today in Guizhou (UTC+8): not before the demand was surveyed, not in the future.
    await first.getByLabel('签约日期').fill(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10));
    await first.getByRole('button', { name: '保存结果' }).click();
    await expect.poll(() => first.locator('.status').textContent()).toBe('已签约');
    await first.getByText('合同金额 ¥72,000.00').waitFor();
    // A contract closes the demand: nothing more is shortlisted.
    await expect.poll(() => buyer.page.locator('.meta .status').textContent()).toBe('已结束');
    expect(await buyer.page.getByRole('button', { name: '加入候选名单' }).count()).toBe(0);
    await shot(buyer.page, '12-demand-outcomes');
  });

  it('takes a token the user already has, and refuses one it cannot read', async () => {
    const minted = await fetch(new URL('/dev/sign-in', federation.portalUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'ASSESSOR', sub: 'assessor-pasted' }),
    });
    const { token } = (await minted.json()) as { token: string };
    const { page } = await open();
    await page.goto(new URL('/sign-in', federation.portalUrl).toString());
    await page.getByLabel('访问令牌（Bearer token）').fill('not-a-token');
    await page.locator('.token-form').getByRole('button', { name: '登录' }).click();
    await page.getByRole('alert').filter({ hasText: '无法识别该令牌' }).waitFor();
    await page.getByLabel('访问令牌（Bearer token）').fill(token);
    await page.locator('.token-form').getByRole('button', { name: '登录' }).click();
    await page.getByText('评估人员 · assessor-pasted').waitFor();
  });

  it('draws the region × key-industry coverage heat map, with its figures as a table', async () => {
    const { page } = await open();
    await page.goto(federation.portalUrl);
    await page.getByRole('link', { name: '覆盖地图' }).click();
    await page.getByRole('heading', { name: '重点产业服务覆盖' }).waitFor();
    await page.locator('.heatmap canvas').first().waitFor();
    const rows = page.locator('.coverage-table tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThanOrEqual(9);
    const figures = (await page.locator('.coverage-table tbody td').allTextContents()).map(Number);
    expect(figures.some((figure) => figure > 0)).toBe(true);
    // The chart has been drawn: its canvas is not blank.
    const drawn = await page.evaluate<boolean>(
      `(() => { const c = document.querySelector('.heatmap canvas'); const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data; for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0 && (d[i] < 240 || d[i + 1] < 240)) return true; return false; })()`,
    );
    expect(drawn).toBe(true);
    await page.getByLabel('仪器台数').check();
    await expect.poll(() => page.locator('.coverage-table caption').textContent()).toContain('仪器台数');
    await shot(page, '7-coverage');
  });

  it("shows each electroplating zone's quotas, and whether a new plant would fit", async () => {
    const answer = await fetch(federation.gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query:
          '{ zones(first: 100) { totalCount } zone(id: "zone-02") { name water { capacity allocated remaining } } }',
      }),
    });
    const { data } = (await answer.json()) as {
      data: {
        zones: { totalCount: number };
        zone: { name: string; water: { capacity: number; allocated: number; remaining: number } };
      };
    };
    expect(data.zone.water.remaining).toBeLessThan(500);
    const { page } = await open();
    await page.goto(federation.portalUrl);
    await page.getByRole('link', { name: '电镀集聚区' }).click();
    await page.getByRole('heading', { name: '电镀集聚区与总量指标' }).waitFor();
    await page.getByText(`共 ${data.zones.totalCount} 个集聚区`).waitFor();
    const zone = page.locator('li.zone').filter({ hasText: data.zone.name });
    const water = zone.getByRole('meter', { name: '新鲜水用量已分配比例' });
    expect(Number(await water.getAttribute('value'))).toBe(data.zone.water.allocated);
    expect(Number(await water.getAttribute('max'))).toBe(data.zone.water.capacity);
    await page.getByLabel('规划类别').selectOption('RESTRICTED');
    await expect
      .poll(() => page.locator('li.zone .zone-status').allTextContents())
      .toSatisfy((statuses: string[]) => statuses.length > 0 && statuses.every((status) => status === '限制区'));
    await page.getByLabel('规划类别').selectOption('');

    // Where would a plant drawing 500 t/day fit? Not where less than that is left.
    await page.getByRole('spinbutton', { name: /新鲜水用量/ }).fill('500');
    await page.getByRole('button', { name: '查找可容纳的集聚区' }).click();
    await page.getByRole('heading', { name: /可容纳的集聚区/ }).waitFor();
    const fitting = await page.locator('.fit h3 a').allTextContents();
    expect(fitting.length).toBeGreaterThan(0);
    expect(fitting).not.toContain(data.zone.name);
    await shot(page, '18-zones');

    // The zone's own page: more water than is left is refused, naming the limit; less fits.
    await zone.getByRole('link', { name: data.zone.name }).click();
    await page.getByRole('heading', { name: data.zone.name }).waitFor();
    const asked = data.zone.water.remaining + 50;
    await page.getByRole('spinbutton', { name: /新鲜水用量/ }).fill(String(asked));
    await page.getByRole('button', { name: '核算' }).click();
    await page.getByText('无法容纳').waitFor();
    await page.getByText(`将超出：新鲜水用量（申请 ${asked}，剩余 ${data.zone.water.remaining} 吨/日）。`).waitFor();
    await shot(page, '19-zone-fit');
    await page.getByRole('spinbutton', { name: /新鲜水用量/ }).fill(String(data.zone.water.remaining / 2));
    await page.getByRole('button', { name: '核算' }).click();
    await page.getByText('可以容纳', { exact: true }).waitFor();
  });

  it('shows the assessment: grade counts and regional means year on year, and the ranking of a year', async () => {
    const { page } = await open();
    await page.goto(federation.portalUrl);
    await page.getByRole('link', { name: '评估结果' }).click();
    await page.getByRole('heading', { name: '服务平台年度评估' }).waitFor();
    const rows = page.locator('table.ranking tbody tr');
    await expect.poll(() => rows.count()).toBeGreaterThan(5);
    expect(await rows.first().locator('td').first().textContent()).toBe('1');
    await expect.poll(() => page.locator('.chart canvas').count()).toBe(2);
    const years = await page.getByLabel('年份').locator('option').allTextContents();
    expect(years.length).toBeGreaterThanOrEqual(2);
    await page.getByLabel('年份').selectOption(years[0] as string);
    await expect.poll(() => rows.first().locator('td').first().textContent()).toBe('1');
    await shot(page, '10-assessments');
  });

  it('asks the browser to load nothing but its own files and talk to nothing but the gateway', async () => {
    const response = await fetch(federation.portalUrl);
    const policy = response.headers.get('content-security-policy') ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self'");
    expect(policy).toContain(`connect-src 'self' ${new URL(federation.gatewayUrl).origin}`);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await response.text())?.[1];
    expect(script).toBeTruthy();
    const asset = await fetch(new URL(script as string, federation.portalUrl));
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('logged no console error and made no request elsewhere on any page', () => {
    expect(watched.flatMap((entry) => entry.errors)).toEqual([]);
    expect(watched.flatMap((entry) => entry.blocked)).toEqual([]);
  });
});
