// e2e.mjs LUOSHI FIXTURES WORKDIR — the web app end to end in headless
// Chromium, driven by Playwright (playwright-core from the npm registry,
// installed in WORKDIR by run.sh; Debian's chromium as the browser).
//
// A `luoshi serve --port 0` on an empty store, its clock at 2023-06-30
// (LUOSHI_NOW), and one journey through the pages as people use them:
//   the office (admin) signs in (a wrong password first), imports the
//   Datong report on /import, follows 1.6亿吨 in the document to its task,
//   adds two units and a unit account, assigns the task to 能源局 and,
//   with the 分工方案 upload (JavaScript), another task to 发展改革委;
//   the unit signs in in its own browser, reports 30% on its task, sees it
//   behind schedule (序时进度 50%), and is refused on the other unit's task
//   (no form; a forged POST and an API call are 403; nothing is stored);
//   the dashboard shows the change (未启动 -1, 欠进度 +1, 能源局 ranked);
//   the XLSX download is read back with openpyxl; tables sort on a click;
//   the dashboard fits a phone's width; the unit's account is disabled on
//   /users (its session ends) and enabled again; logout ends the session.
// No page may raise a JavaScript error. Screenshots of the main pages are
// kept in WORKDIR/screenshots, the downloads in WORKDIR/downloads.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const [luoshi, fixtures, workdir] = process.argv.slice(2).map((p) => path.resolve(p));
const require = createRequire(path.join(workdir, 'node_modules', 'noop.js'));
const { chromium } = require('playwright-core');

const CHROMIUM = process.env.LS_CHROMIUM || '/usr/bin/chromium';
const shots = path.join(workdir, 'screenshots');
const downloads = path.join(workdir, 'downloads');
const failures = [];

function check(cond, what) {
  console.log((cond ? 'ok     ' : 'FAILED ') + what);
  if (!cond) failures.push(what);
  return cond;
}

// Starts the server; resolves with {proc, port, password} once it has
// printed its address (the first-run line gives the admin password).
function startServer(db, env) {
  const proc = spawn(luoshi, ['serve', '--db', db, '--port', '0'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  proc.stderr.on('data', (d) => log.push(String(d)));
  return new Promise((resolve, reject) => {
    let password = null;
    const timer = setTimeout(() => reject(new Error('luoshi serve printed no address in 60 s')), 60000);
    readline.createInterface({ input: proc.stdout }).on('line', (line) => {
      log.push(line + '\n');
      const pw = /with password (\S+)/.exec(line);
      if (pw) password = pw[1];
      const m = /luoshi serves .* on http:\/\/127\.0\.0\.1:(\d+)\//.exec(line);
      if (m) {
        clearTimeout(timer);
        resolve({ proc, port: Number(m[1]), password, log });
      }
    });
    proc.on('exit', (code) => reject(new Error(`luoshi serve exited ${code}: ${log.join('')}`)));
  });
}

function stopServer(server) {
  return new Promise((resolve) => {
    const timer = setTimeout(() => server.proc.kill('SIGKILL'), 60000);
    server.proc.removeAllListeners('exit');
    server.proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(signal ? 128 : code);
    });
    server.proc.kill('SIGTERM');
  });
}

// A browser context of its own (cookies apart) whose pages record any
// JavaScript error or failed console message into 'errors'.
async function newContext(browser, errors, options = {}) {
  const context = await browser.newContext({ locale: 'zh-CN', acceptDownloads: true, ...options });
  context.on('page', (page) => {
    page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
    page.on('console', (m) => {
      // a refused form (400, 401, 403, 409) is part of the journey
      if (m.type() === 'error' && !/status of 40[0139] /.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
    });
  });
  return context;
}

async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: path.join(shots, name + '.png'), fullPage });
}

async function text(page, selector) {
  const loc = page.locator(selector).first();
  return (await loc.count()) ? ((await loc.textContent()) || '').trim() : '';
}

// The figures of the status cards of the dashboard: {done: 0, behind: 1, …}.
async function statusCards(page) {
  return page.$$eval('.cards a.card', (cards) => {
    const out = {};
    for (const c of cards) {
      const m = /status=(\w+)/.exec(c.getAttribute('href'));
      if (m) out[m[1]] = Number(c.querySelector('.n').textContent);
    }
    return out;
  });
}

async function signIn(page, base, name, password) {
  await page.goto(base + '/login');
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('form[action="/login"] button')]);
}

// The id of the first ledger row whose sentence holds 'words'.
async function taskOf(page, base, words) {
  await page.goto(base + '/tasks?text=' + encodeURIComponent(words));
  const href = await page.locator('table a[href^="/tasks/"]').first().getAttribute('href');
  return Number(/\/tasks\/(\d+)/.exec(href || '')?.[1] || 0);
}

async function officeSignsIn(page, base, password) {
  await page.goto(base + '/tasks');
  check(new URL(page.url()).pathname === '/login', 'a visitor is sent to the login page');
  await shot(page, '01-login');
  await signIn(page, base, 'admin', 'not-the-password');
  check((await page.content()).includes('用户名或密码错误') || (await text(page, '.notice')) !== '',
    'a wrong password is refused with a message');
  check(new URL(page.url()).pathname === '/login', 'a wrong password stays on the login page');
  await signIn(page, base, 'admin', password);
  check(new URL(page.url()).pathname === '/' && (await text(page, 'h1')) === '任务推进总览',
    'the admin signs in and lands on the dashboard');
}

async function importReport(page, base) {
  await page.click('nav a[href="/import"]');
  await page.setInputFiles('input[name=file]', path.join(fixtures, 'datong-2023.txt'));
  await page.fill('input[name=gov]', '大同市');
  await page.fill('input[name=year]', '2023');
  await shot(page, '02-import');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/import"] button')]);
  check(/\/reports\/\d+$/.test(page.url()), `the import leads to the report's document (${page.url()})`);
  const target = page.locator('mark.q.target', { hasText: '1.6亿吨' }).first();
  check(await target.count() === 1 && /煤炭产量/.test(await target.getAttribute('title')),
    'the document marks 1.6亿吨 as a target of 煤炭产量');
  await shot(page, '03-document', false);
  // the document is clickable: the task around 1.6亿吨 leads to its page
  const task = page.locator('a.task', { has: page.locator('mark.q.target', { hasText: '1.6亿吨' }) }).first();
  await Promise.all([page.waitForNavigation(), task.click()]);
  const id = Number(/\/tasks\/(\d+)/.exec(page.url())?.[1] || 0);
  check(id > 0 && (await text(page, 'blockquote.sentence')).includes('煤炭产量稳定在1.6亿吨以上'),
    'a click on the task in the document opens its page with its sentence');
  check((await text(page, 'h1 .status')) === '未分工', 'the new task has no lead unit: 未分工');
  return id;
}

async function addUnitsAndAccount(page, base) {
  for (const name of ['能源局', '发展改革委']) {
    await page.goto(base + '/units');
    await page.fill('form[action="/units"] input[name=name]', name);
    await Promise.all([page.waitForNavigation(), page.click('form[action="/units"] button')]);
  }
  const units = await page.locator('main table tbody td:first-child').allTextContents();
  check(units.includes('能源局') && units.includes('发展改革委'), 'two units are added on /units');
  await shot(page, '04-units');

  await page.click('nav a[href="/users"]');
  const form = 'form[action="/users"]';
  await page.fill(`${form} input[name=name]`, 'energy1');
  await page.selectOption(`${form} select[name=role]`, 'unit');
  await page.selectOption(`${form} select[name=unit]`, '能源局');
  await page.fill(`${form} input[name=password]`, 'short');
  // the browser itself refuses a short password (minlength); the server too
  await page.$eval(`${form} input[name=password]`, (e) => e.removeAttribute('minlength'));
  await Promise.all([page.waitForNavigation(), page.click(`${form} button`)]);
  check((await text(page, '.notice.error')) === '密码至少 8 位' &&
    (await page.inputValue(`${form} input[name=name]`)) === 'energy1' &&
    (await page.inputValue(`${form} input[name=password]`)) === '',
  'a short password: the message, the name kept, the password not sent back');
  await page.selectOption(`${form} select[name=unit]`, '能源局');
  await page.fill(`${form} input[name=password]`, 'energy-pass-1');
  await Promise.all([page.waitForNavigation(), page.click(`${form} button`)]);
  const row = await page.locator('main table tbody tr', { hasText: 'energy1' }).textContent();
  check(new URL(page.url()).pathname === '/users' && /责任单位/.test(row) && /能源局/.test(row),
    'the unit account energy1 (能源局) is added on /users');
  await shot(page, '05-users');
}

async function assignTask(page, base, id) {
  await page.goto(`${base}/tasks/${id}`);
  check((await text(page, '.hint')).includes('能源局'), 'the task page suggests 能源局 as lead');
  const form = `form[action="/tasks/${id}/assign"]`;
  await page.selectOption(`${form} select[name=lead]`, '能源局');
  await page.check(`${form} input[name=co][value="发展改革委"]`);
  await page.fill(`${form} input[name=leader]`, '张副市长');
  await page.fill(`${form} input[name=due]`, '2023-12-31');
  await Promise.all([page.waitForNavigation(), page.click(`${form} button`)]);
  const owners = await text(page, 'dl.facts');
  check(owners.includes('能源局') && owners.includes('发展改革委') && owners.includes('2023-12-31') &&
    owners.includes('张副市长'), 'the assignment shows on the task page');
  check((await text(page, 'h1 .status')) === '未启动', 'assigned, with no report yet: still 未启动');
}

// The 分工方案 upload on the ledger page (web/app.js, form.fengong): the
// file is previewed line by line in Chinese with a checkbox per row, then
// the rows checked are applied, all in place.
async function bulkAssign(page, base, otherId) {
  // the office's own numbering and words: the line finds its row by meaning
  const csv = '序号,重点工作任务,分管领导,牵头单位,配合单位,完成时限\n' +
    '一、,坚持工业强市,,,,\n' +
    '（1）,"继续加快国电湖东、晋控同热、中煤3个“上大压小”煤电项目建设",李副市长,发展改革委,,9月底前\n' +
    '（2）,举办世界月球大会,,发展改革委,,年底前\n';
  const file = path.join(downloads, 'fengong-upload.csv');
  writeFileSync(file, csv);
  await page.goto(base + '/tasks');
  const form = page.locator('form.fengong[action="/api/v1/assignments"]');
  await form.locator('select[name=report]').selectOption({ index: 1 });
  await form.locator('input[name=file]').setInputFiles(file);
  await form.locator('button').click();
  const preview = page.locator('.fengong-preview');
  await preview.locator('table').waitFor({ timeout: 30000 });
  const summary = await preview.locator('[role=status]').first().textContent();
  check(summary.includes('已匹配 1 行') && summary.includes('未匹配 1 行') && summary.includes('标题 1 行'),
    `the preview counts the lines in Chinese (${summary})`);
  const rows = preview.locator('tbody tr');
  check((await rows.nth(1).textContent()).includes('已匹配') && (await rows.nth(2).textContent()).includes('未匹配'),
    'each line says what became of it');
  const box = rows.nth(1).locator('input[type=checkbox]');
  check(await box.count() === 1 && await box.isChecked() && (await box.getAttribute('value')) === `1:${otherId}`,
    'the matched line has its row checked');
  await shot(page, '05b-fengong-preview');
  await preview.locator('button').click();
  const done = preview.locator('[role=status]').filter({ hasText: /已按分工方案|未完成|未能/ });
  await done.waitFor({ timeout: 30000 });
  check((await done.textContent()).startsWith('已按分工方案分工 1 项') && (await done.getAttribute('class')).includes('ok'),
    `the 分工方案 is applied in the page (${await done.textContent()})`);
  check(new URL(page.url()).pathname === '/tasks', 'the upload left the page where it was');
  await page.goto(`${base}/tasks/${otherId}`);
  const owners = await text(page, 'dl.facts');
  check(owners.includes('发展改革委') && owners.includes('2023-09-30') && owners.includes('（1）'),
    'the uploaded 分工 shows on its task, with the office\'s number');
}

async function unitReports(page, base, id) {
  await page.goto(`${base}/tasks/${id}`);
  const form = `form[action="/tasks/${id}/progress"]`;
  check(await page.locator(form).count() === 1, 'the unit sees the progress form on its task');
  check(await page.locator(`form[action="/tasks/${id}/assign"]`).count() === 0, 'and no assignment form');
  check((await page.inputValue(`${form} input[name=date]`)) === '2023-06-30', 'the report date defaults to today');
  // one figure per target (3座, 2座, 1.6亿吨), each in the unit shown beside it
  const units = await page.locator(`${form} .unit-of`).allTextContents();
  check(units.join(' ') === '座 座 亿吨', `each figure's unit is shown beside it (${units.join(' ')})`);
  for (const [i, v] of ['3', '2', '0.48'].entries()) await page.locator(`${form} input[name=value]`).nth(i).fill(v);
  await page.fill(`${form} input[name=percent]`, '30');
  await page.fill(`${form} textarea[name=done_text]`, '上半年原煤产量4800万吨，水磨湾煤矿已达产');
  await page.fill(`${form} textarea[name=problems]`, '外运通道能力不足');
  await page.fill(`${form} textarea[name=next_steps]`, '协调铁路增开班列');
  await Promise.all([page.waitForNavigation(), page.click(`${form} button[value=report]`)]);
  check(/#progress$/.test(page.url()), 'the report comes back to the task');
  const history = await text(page, '#progress + table, #progress ~ .scroll table');
  check(history.includes('2023-06-30') && history.includes('48,000,000') && history.includes('水磨湾煤矿已达产'),
    'the progress history shows the report with its figure');
  check((await text(page, 'h1 .status')) === '欠进度', 'the task is now 欠进度 (30% against 序时进度 50%)');
  await shot(page, '06-task-unit');
}

// Writes a small file of evidence and returns its path.
function evidenceFile(name, bytes) {
  const file = path.join(downloads, name);
  writeFileSync(file, bytes);
  return file;
}

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64)]);
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// The closed loop of 督办 (issue 14): the unit uploads evidence and asks
// for 办结 (a figure far from its target asks for confirmation first); the
// office returns it with a reason; the unit sees the reason, answers and
// asks again; the office approves: 已完成.
async function closedLoop(admin, unit, base, id) {
  await unit.goto(`${base}/tasks/${id}`);
  const up = `form[action="/tasks/${id}/evidence"]`;
  await unit.setInputFiles(`${up} input[type=file]`, evidenceFile('水磨湾煤矿验收.png', PNG));
  await Promise.all([unit.waitForNavigation(), unit.click(`${up} button`)]);
  check((await text(unit, '#evidence')).includes('水磨湾煤矿验收.png'), 'the unit uploads a file of evidence');
  const [download] = await Promise.all([unit.waitForEvent('download'),
    unit.click('#evidence a[href^="/evidence/"]')]);
  check(download.suggestedFilename() === '水磨湾煤矿验收.png', `it downloads under its name (${download.suggestedFilename()})`);

  const form = `form[action="/tasks/${id}/progress"]`;
  const fill = async (page, values, done) => {
    for (const [i, v] of values.entries()) await page.locator(`${form} input[name=value]`).nth(i).fill(v);
    await page.fill(`${form} textarea[name=done_text]`, done);
    await page.setInputFiles(`${form} input[name=evidence_file]`, evidenceFile('产量统计.pdf', PDF));
  };
  await fill(unit, ['3', '2', '20'], '全年原煤产量目标提前完成');
  await Promise.all([unit.waitForNavigation(), unit.click(`${form} button[value=finish]`)]);
  check((await text(unit, '.notice.error')).includes('数值无误'), '20亿吨 against 1.6亿吨 asks for confirmation');
  await shot(unit, '20-confirm');
  await fill(unit, ['3', '2', '1.62'], '全年原煤产量1.62亿吨，目标完成');
  await Promise.all([unit.waitForNavigation(), unit.click(`${form} button[value=finish]`)]);
  check((await text(unit, 'h1 .status')) === '待审核', 'asked for 办结: 待审核, not done');

  await admin.goto(`${base}/tasks/${id}`);
  check((await text(admin, '#evidence')).includes('产量统计.pdf'), 'the office sees the files of the request');
  await admin.fill('form[action$="/review"] textarea[name=reason]', '请补充第三方检测报告');
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/review"] button[value=return]')]);
  check((await text(admin, 'h1 .status')) !== '已完成', 'returned: not done');

  await unit.goto(`${base}/tasks/${id}`);
  check((await text(unit, '#returned')).includes('请补充第三方检测报告'), 'the unit sees the reason on its page');
  await shot(unit, '21-returned');
  await fill(unit, ['3', '2', '1.62'], '已补充第三方检测报告');
  await Promise.all([unit.waitForNavigation(), unit.click(`${form} button[value=finish]`)]);
  check((await text(unit, 'h1 .status')) === '待审核', 'the unit answers and asks again');

  await admin.goto(`${base}/tasks/${id}`);
  await Promise.all([admin.waitForNavigation(), admin.click('form[action$="/review"] button[value=approve]')]);
  check((await text(admin, 'h1 .status')) === '已完成' && (await text(admin, '.notice.ok')).includes('已办结'),
    'the office approves: 已完成 (办结, 销号)');
  await shot(admin, '22-approved');
}

// Batch work in the web ledger: rows found by the search box, selected,
// removed and restored at once.
async function batchWork(admin, base) {
  await admin.goto(`${base}/tasks`);
  await admin.fill('form.filters input[name=q]', '煤');
  await Promise.all([admin.waitForNavigation(), admin.click('form.filters button[type=submit]')]);
  const boxes = admin.locator('input[form=batch][name=id]');
  const n = await boxes.count();
  check(n >= 2, `the search box finds rows on 煤 (${n})`);
  const ids = [await boxes.nth(0).getAttribute('value'), await boxes.nth(1).getAttribute('value')];
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await admin.selectOption('#batch select[name=action]', 'remove');
  await shot(admin, '23-batch');
  await Promise.all([admin.waitForNavigation(), admin.click('#batch button')]);
  await admin.goto(`${base}/tasks?removed=1`);
  const removed = await admin.locator('input[form=batch][name=id]').evaluateAll((els) => els.map((e) => e.value));
  check(ids.every((i) => removed.includes(i)), 'the two rows are removed at once');
  await admin.locator('#select-all').check();
  await admin.selectOption('#batch select[name=action]', 'restore');
  await Promise.all([admin.waitForNavigation(), admin.click('#batch button')]);
  await admin.goto(`${base}/tasks?removed=1`);
  check(await admin.locator('input[form=batch][name=id]').count() === 0, 'select all, restore: none left removed');
}

async function unitRefused(page, context, base, otherId, adminPage) {
  await page.goto(`${base}/tasks/${otherId}`);
  check(await page.locator(`form[action="/tasks/${otherId}/progress"]`).count() === 0,
    "no progress form on another unit's task");
  const csrf = await page.inputValue('form[action="/logout"] input[name=csrf]');
  const forged = await context.request.post(`${base}/tasks/${otherId}/progress`, {
    form: { csrf, date: '2023-06-30', percent: '100', done_text: '越权报送的进展' }, maxRedirects: 0,
  });
  check(forged.status() === 403, `a forged form post on another unit's task: 403 (${forged.status()})`);
  const api = await context.request.post(`${base}/api/v1/tasks/${otherId}/progress`, {
    data: { date: '2023-06-30', percent: 100, done_text: '越权报送的进展' },
    headers: { 'X-CSRF-Token': csrf }, maxRedirects: 0,
  });
  const body = await api.json().catch(() => ({}));
  check(api.status() === 403 && body.error?.code === 'forbidden',
    `the same through the API: 403 ${JSON.stringify(body.error || {})}`);
  check((await context.request.get(`${base}/import`, { maxRedirects: 0 })).status() === 403,
    'a unit may not open the import page');
  await adminPage.goto(`${base}/tasks/${otherId}`);
  check(!(await adminPage.content()).includes('越权报送的进展') &&
    (await text(adminPage, 'h1 .status')) === '未启动', 'the refused reports were not stored');
}

async function dashboardChanged(page, base, before) {
  await page.goto(base + '/');
  const after = await statusCards(page);
  // the row left 未分工 when it was assigned, and is 欠进度 since its report
  check(after.unassigned < before.unassigned && after.behind === before.behind + 1,
    `the dashboard: 未分工 ${before.unassigned}→${after.unassigned}, 欠进度 ${before.behind}→${after.behind}`);
  const rank = await page.locator('section.panel', { hasText: '各单位欠进度' }).locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.cells, (c) => c.textContent.trim()).join('|')));
  check(rank[0] === '能源局|1|1|0', `能源局 is ranked first: 1 task, 1 behind, 0 overdue (${rank[0]})`);
  const behind = page.locator('a.card[href*="status=behind"]');
  await Promise.all([page.waitForNavigation(), behind.click()]);
  const rows = await page.locator('main table tbody tr').count();
  check(rows === 1 && (await text(page, 'main table tbody')).includes('1.6亿吨'),
    'its 欠进度 card leads to the one task behind');
  await page.goto(base + '/');
  await shot(page, '07-dashboard');
}

async function downloadXlsx(page, base, id) {
  await page.goto(base + '/tasks');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href="/api/v1/export?format=xlsx&layout=fengong"]'),
  ]);
  const file = path.join(downloads, download.suggestedFilename() || 'fengong.xlsx');
  await download.saveAs(file);
  check(/\.xlsx$/.test(download.suggestedFilename()), `the download is named ${download.suggestedFilename()}`);
  // read back with openpyxl: the row of the task carries its 分工
  const py = spawnSync(process.env.PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'), ['-c', `
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1], read_only=True).worksheets[0]
for row in ws.iter_rows(values_only=True):
    if row and row[1] and "1.6亿吨" in str(row[1]):
        print("|".join("" if v is None else str(v) for v in row))
`, file], { encoding: 'utf8' });
  const row = py.stdout.trim();
  check(py.status === 0 && row.includes('能源局') && row.includes('发展改革委') && row.includes('2023-12-31') &&
    row.includes('张副市长'), `the XLSX's row of the task has its 分工 (${row.slice(0, 40)}… ${py.stderr.trim()})`);
  // the ledger table sorts on a click of a header (web/app.js)
  const th = page.locator('table.sortable thead th', { hasText: '牵头单位' }).first();
  await th.click();
  check((await th.getAttribute('aria-sort')) === 'ascending', 'a click on a header sorts the ledger');
  await shot(page, '08-ledger', false);
}

// 预警与催办: the energy bureau's task is behind (黄); its 催办单 downloads as Word and
// opens: a ZIP whose word/document.xml is well-formed and names the unit.
async function downloadReminder(page, base) {
  await page.goto(base + '/remind?as_of=2023-06-30&within=30');
  check((await page.locator('h2', { hasText: '能源局' }).count()) === 1 &&
    (await page.locator('tr.row-yellow .al-yellow').count()) >= 1, 'the 催办 page lists 能源局 with its row 黄');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('a[href*="/api/v1/remind?"][href*="format=docx"]'),
  ]);
  const file = path.join(downloads, download.suggestedFilename() || 'cuibandan.docx');
  await download.saveAs(file);
  const py = spawnSync(process.env.PYTHON || (existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3'), ['-c', `
import sys, zipfile, xml.etree.ElementTree as ET
z = zipfile.ZipFile(sys.argv[1])
doc = ET.fromstring(z.read("word/document.xml"))
print("".join(t.text or "" for t in doc.iter("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}t")))
`, file], { encoding: 'utf8' });
  check(py.status === 0 && py.stdout.includes('催办单') && py.stdout.includes('能源局：') &&
    py.stdout.includes('【黄·欠进度】'), `the 催办单 DOCX opens and names 能源局 (${py.stdout.slice(0, 60)} ${py.stderr.trim()})`);
  await shot(page, '08b-remind', false);
}

async function otherPages(page, base, id) {
  const pages = [
    ['/targets', '09-targets', '量化指标'],
    ['/bulletin?period=2023-Q2', '10-bulletin', '通报'],
    ['/reports', '11-reports', '大同市'],
    ['/compare', '12-compare', '对比'],
  ];
  for (const [p, name, want] of pages) {
    const res = await page.goto(base + p);
    check(res.status() === 200 && (await page.content()).includes(want), `${p}: 200 with ${want}`);
    await shot(page, name, p !== '/targets');
  }
  await page.goto(`${base}/tasks/${id}`);
  await shot(page, '13-task-admin');
}

// On a phone's width no page is wider than the screen (tables scroll
// inside their own box).
async function phone(browser, errors, storage, base, id) {
  const context = await newContext(browser, errors, {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true, storageState: storage,
  });
  const page = await context.newPage();
  for (const [p, name] of [['/', '14-phone-dashboard'], [`/tasks/${id}`, '15-phone-task'], ['/tasks', '16-phone-ledger']]) {
    await page.goto(base + p);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    check(width <= 390, `${p} fits a phone's width (${width} px)`);
    await shot(page, name, p !== '/tasks');
  }
  await context.close();
}

// The unit's account is disabled on /users (someone who left): its open
// session ends at once; enabled again, it signs in.
async function disableAccount(admin, unit, base) {
  await admin.goto(base + '/users');
  const row = admin.locator('main table tbody tr', { hasText: 'energy1' });
  await Promise.all([admin.waitForNavigation(), row.locator('button', { hasText: '停用' }).click()]);
  check((await row.textContent()).includes('已停用'), 'the 停用 button disables energy1');
  await unit.goto(base + '/tasks');
  check(new URL(unit.url()).pathname === '/login', "the disabled unit's open session ended");
  await Promise.all([admin.waitForNavigation(), row.locator('button', { hasText: '启用' }).click()]);
  check((await row.textContent()).includes('正常'), 'the 启用 button enables it again');
  await signIn(unit, base, 'energy1', 'energy-pass-1');
  check(new URL(unit.url()).pathname === '/todo', 'enabled, the unit signs in again, on its 待办');
}

async function signOut(page, base) {
  await page.goto(base + '/');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button')]);
  check(new URL(page.url()).pathname === '/login', 'logout goes to the login page');
  await page.goto(base + '/tasks');
  check(new URL(page.url()).pathname === '/login', 'after logout the ledger asks for a login again');
}

async function journey(browser, base, password) {
  const errors = [];
  const office = await newContext(browser, errors, { viewport: { width: 1280, height: 900 } });
  const admin = await office.newPage();
  await officeSignsIn(admin, base, password);
  const cardsBefore = await statusCards(admin);
  check(Object.keys(cardsBefore).length === 7, 'the dashboard shows seven status cards (待审核 too)');
  const id = await importReport(admin, base);
  await addUnitsAndAccount(admin, base);
  await admin.goto(base + '/');
  const before = await statusCards(admin);
  check(before.unassigned > 100 && before.behind === 0, `before any report: ${JSON.stringify(before)}`);
  await assignTask(admin, base, id);
  const otherId = await taskOf(admin, base, '煤电方面');
  check(otherId > 0 && otherId !== id, `the 煤电 task is found (${otherId})`);
  await bulkAssign(admin, base, otherId);

  const unitContext = await newContext(browser, errors, { viewport: { width: 1280, height: 900 } });
  const unit = await unitContext.newPage();
  await signIn(unit, base, 'energy1', 'energy-pass-1');
  check((await text(unit, '.who')).includes('能源局'), 'the unit user signs in as 能源局');
  check(await unit.locator('nav a[href="/users"]').count() === 0, 'a unit user has no 账户 link');
  await unitReports(unit, base, id);
  await unitRefused(unit, unitContext, base, otherId, admin);

  await dashboardChanged(admin, base, before);
  await downloadXlsx(admin, base, id);
  await downloadReminder(admin, base);
  await otherPages(admin, base, id);
  await closedLoop(admin, unit, base, id);
  await batchWork(admin, base);
  await phone(browser, errors, await office.storageState(), base, id);
  await disableAccount(admin, unit, base);
  await signOut(unit, base);
  await signOut(admin, base);
  check(errors.length === 0, `no JavaScript error on any page ${errors.length ? JSON.stringify(errors) : ''}`);
  await unitContext.close();
  await office.close();
}

async function main() {
  if (!existsSync(CHROMIUM)) {
    console.log(`FAILED no Chromium at ${CHROMIUM}: install Debian's chromium (tools/setup-deps.sh) or set LS_CHROMIUM`);
    return 1;
  }
  rmSync(shots, { recursive: true, force: true });
  rmSync(downloads, { recursive: true, force: true });
  mkdirSync(shots, { recursive: true });
  mkdirSync(downloads, { recursive: true });
  const tmp = mkdtempSync(path.join(tmpdir(), 'luoshi-e2e-'));
  const env = { ...process.env, LUOSHI_NOW: '2023-06-30T12:00:00Z' };
  if (!env.ASAN_OPTIONS) env.ASAN_OPTIONS = 'detect_leaks=1';
  const server = await startServer(path.join(tmp, 'e2e.db'), env);
  let browser = null;
  try {
    // /dev/shm is small in containers: Chromium keeps its shared memory in /tmp
    browser = await chromium.launch({
      executablePath: CHROMIUM, headless: true, args: ['--disable-dev-shm-usage'], timeout: 60000,
    });
    check(server.password !== null, 'the first run prints the admin password');
    await journey(browser, `http://127.0.0.1:${server.port}`, server.password);
  } catch (e) {
    check(false, `the journey ran to its end: ${e.stack || e}`);
  } finally {
    if (browser) await browser.close();
    const code = await stopServer(server);
    check(code === 0, `the server exits 0 on SIGTERM (${code})`);
    if (code !== 0) console.log(server.log.join('').slice(-4000));
    rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`screenshots: ${shots}`);
  console.log(failures.length ? `${failures.length} failed` : 'all passed');
  return failures.length ? 1 : 0;
}

process.exitCode = await main();
