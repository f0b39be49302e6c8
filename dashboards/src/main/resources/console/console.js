// Xiaoneng console: plain JavaScript, no build step, no CDN (the machines may have no internet).
// Each panel polls its own /api/... endpoint; a failed poll shows a banner and dims the panel, which keeps
// its last figures until the next good answer. New panels register in PANELS below.
'use strict';

const DEFAULT_REFRESH_MS = 3000;

const PANELS = [
  { id: 'supervision', endpoint: '/api/cards', title: '督办', render: renderSupervision },
  { id: 'incidents', endpoint: '/api/incidents', title: '突发事件', render: renderIncidents },
  { id: 'throughput', endpoint: '/api/throughput', title: '吞吐量', render: renderThroughput },
  { id: 'pipeline', endpoint: '/api/pipeline', title: '数据管道健康', render: renderPipeline },
];

// ---- formatting ----

const NUMBER = new Intl.NumberFormat('zh-CN');

function formatCount(n) {
  return n === null || n === undefined ? '–' : NUMBER.format(n);
}

function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  const sign = ms < 0 ? '−' : '';  // negative: the source's clock runs ahead of ClickHouse's
  const a = Math.abs(ms);
  if (a < 1000) return sign + a + ' 毫秒';
  if (a < 60000) return sign + (a / 1000).toFixed(a < 10000 ? 1 : 0) + ' 秒';
  const minutes = Math.floor(a / 60000);
  if (minutes < 60) return sign + minutes + ' 分 ' + Math.round((a % 60000) / 1000) + ' 秒';
  return sign + Math.floor(minutes / 60) + ' 小时 ' + (minutes % 60) + ' 分';
}

// ISO-8601 with the center's offset, e.g. 2026-03-02T10:15:30.123+08:00 → "03-02 10:15:30".
function formatTime(iso) {
  if (!iso) return '–';
  const m = /^\d{4}-(\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})/.exec(iso);
  return m ? m[1] + ' ' + m[2] : iso;
}

function formatAge(ms) {
  return ms === null || ms === undefined ? '' : formatDuration(ms) + '前';
}

// Handling times are seconds and run from minutes (即办件) to weeks (承诺件).
function formatSeconds(s) {
  if (s === null || s === undefined) return '–';
  const a = Math.round(s);
  if (a < 60) return a + ' 秒';
  if (a < 3600) return Math.floor(a / 60) + ' 分 ' + (a % 60) + ' 秒';
  if (a < 86400) return Math.floor(a / 3600) + ' 小时 ' + Math.floor((a % 3600) / 60) + ' 分';
  return Math.floor(a / 86400) + ' 天 ' + Math.floor((a % 86400) / 3600) + ' 小时';
}

function formatShare(x) {
  return x === null || x === undefined ? '–' : (x * 100).toFixed(1) + '%';
}

// ---- DOM helpers (textContent only: reasons quote source data and must never become markup) ----

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v;
    else if (k === 'title') e.title = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

function fillBody(table, rows, emptyText, columns) {
  const body = table.tBodies[0];
  body.replaceChildren();
  if (rows.length === 0) {
    body.append(el('tr', { class: 'empty' }, el('td', { colspan: columns }, emptyText)));
  } else {
    rows.forEach(r => body.append(r));
  }
}

// ---- the 督办 panel ----

function formatDays(d) {
  if (d === null || d === undefined) return '–';
  return (d < 0 ? '超期 ' + (-d).toFixed(1) : d.toFixed(1)) + ' 天';
}

function cardBadge(kind, label) {
  return el('span', { class: 'badge card-' + kind, title: kind }, label);
}

function renderSupervision(panel, data) {
  const totals = panel.querySelector('#sv-totals');
  totals.replaceChildren(...data.kinds.map(k => el('div', { class: 'card', 'data-kind': k.kind },
    el('div', { class: 'label' }, k.label), el('div', { class: 'value card-' + k.kind, 'data-value': data.totals[k.kind] },
      formatCount(data.totals[k.kind])))));
  panel.querySelector('#sv-cases').textContent = data.casesWithCards === 0
    ? '暂无在办监察卡：所有在办件均在时限内（或承诺时限引擎尚未写入 dwd_deadline_card）。'
    : formatCount(data.casesWithCards) + ' 件在办件有监察卡' + (data.cases.length < data.casesWithCards
      ? '，下表列出最严重的 ' + formatCount(data.cases.length) + ' 件' : '');

  const deps = panel.querySelector('#sv-departments');
  deps.tHead.replaceChildren(el('tr', {}, el('th', {}, '中心 / 部门'),
    ...data.kinds.map(k => el('th', { class: 'num' }, k.label)), el('th', { class: 'num' }, '合计')));
  fillBody(deps, data.departments.map(d => el('tr', { 'data-department': d.centerId + '/' + d.departmentId },
    el('td', {}, (d.centerName || d.centerId) + ' / ' + (d.departmentName || d.departmentId || '–')),
    ...data.kinds.map(k => el('td', { class: 'num' + (d.cards[k.kind] > 0 ? ' has-' + k.kind : ''), 'data-kind': k.kind },
      formatCount(d.cards[k.kind]))),
    el('td', { class: 'num' }, formatCount(d.total)))), '暂无', data.kinds.length + 2);

  fillBody(panel.querySelector('#sv-list'), data.cases.map(c => el('tr', { 'data-case': c.centerId + '/' + c.caseId },
    el('td', {}, cardBadge(c.kind, c.label), c.qualifier ? el('span', { class: 'age' }, c.qualifier) : null),
    el('td', {}, el('a', { href: c.trackingUrl, target: '_blank', rel: 'noopener' }, c.caseId)),
    el('td', {}, c.itemName || c.itemCode || '–'),
    el('td', {}, (c.departmentName || c.departmentId || '–') + (c.windowId ? ' / ' + (c.windowName || c.windowId) : '')),
    el('td', {}, (c.handler || '–') + (c.stepName ? ' · ' + c.stepName : '')),
    el('td', {}, formatTime(c.instant)),
    el('td', {}, formatTime(c.due)),
    el('td', { class: 'num' + (c.remainingDays !== null && c.remainingDays < 0 ? ' overdue' : '') }, formatDays(c.remainingDays)),
    el('td', { class: 'num' }, formatCount(c.standingCards)),
    el('td', { title: '规则版本 ' + c.ruleVersion }, c.clause + ' · ' + c.ruleVersion + (c.provisional ? '（待定日历）' : '')))),
    '暂无在办监察卡', 10);
  return data.at;
}

// ---- the incident panel (应急预案, 附录C) ----

function formatRatio(x) {
  return x === null || x === undefined ? '' : '（' + (x * 100).toFixed(0) + '%）';
}

function incidentState(i) {
  return el('span', { class: 'badge incident-' + i.confirmation, title: i.status }, i.confirmationLabel + ' · ' + i.statusLabel);
}

// "3 / 11（27%）" per affected department; "无可比周" when an hour has no comparable week.
function impactCell(i) {
  const parts = i.impact.departments.map(t => (t.departmentName || t.departmentId) + ' ' + formatCount(t.actual) + ' / '
    + (t.baseline === null ? '无可比周' : t.baseline.toFixed(1)) + formatRatio(t.ratio));
  return parts.length === 0 ? '–' : parts.join('；');
}

function backfillCell(i) {
  const parts = i.impact.backfill.map(b => (b.departmentName || b.departmentId) + ' ' + formatCount(b.backfilled) + ' / '
    + (b.paperRegistered === null ? '未登记' : formatCount(b.paperRegistered) + '（仍缺 ' + formatCount(b.missing) + '）'));
  return parts.length === 0 ? '–' : parts.join('；');
}

function renderIncidents(panel, data) {
  panel.querySelector('#inc-summary').textContent = data.incidents.length === 0
    ? '暂无突发事件（或事件作业尚未写入 dwd_incident）。'
    : formatCount(data.open) + ' 起处置中（其中 ' + formatCount(data.suspected) + ' 起疑似，待值班人员确认或排除）；下表先列处置中的，再列最近的。';
  fillBody(panel.querySelector('#inc-list'), data.incidents.map(i => el('tr',
    { 'data-incident': i.centerId + '/' + i.incidentId, class: i.status === 'DISMISSED' ? 'retracted' : '' },
    el('td', {}, el('a', { href: i.url, target: '_blank', rel: 'noopener' }, i.incidentId),
      i.centerName ? el('span', { class: 'age' }, i.centerName) : null),
    el('td', {}, i.typeLabel + ' · ' + i.levelLabel),
    el('td', {}, incidentState(i)),
    el('td', {}, (i.departments.map(d => d.name || d.id).join('、') || '–') + (i.windows.length ? ' / ' + i.windows.map(w => w.name || w.id).join('、') : '')),
    el('td', {}, formatTime(i.onset)),
    el('td', {}, formatTime(i.detected)),
    el('td', {}, formatTime(i.restored)),
    el('td', {}, formatTime(i.closed)),
    el('td', { 'data-field': 'deadlines', 'data-value': i.deadlinesMet + '/' + i.deadlinesMissed },
      '按时 ' + i.deadlinesMet + ' · ', el('span', { class: i.deadlinesMissed > 0 ? 'overdue' : '' }, '超时 ' + i.deadlinesMissed)),
    el('td', {}, ...(i.standingCards.length === 0 ? ['–'] : i.standingCards.map(k => cardBadge('incident', k.label)))),
    el('td', { class: 'num', 'data-field': 'throughput' }, impactCell(i)),
    el('td', { class: 'num', 'data-field': 'backfill' }, backfillCell(i)))),
    '暂无突发事件', 12);
  return data.at;
}

// ---- the pipeline panel ----

function renderPipeline(panel, data) {
  panel.querySelectorAll('.lag-window').forEach(s => { s.textContent = Math.round(data.lagWindowSeconds / 60); });
  const totals = data.totals;
  panel.querySelector('[data-total="capturedRows"]').textContent = formatCount(totals.capturedRows);
  panel.querySelector('[data-total="events"]').textContent = formatCount(totals.events);
  panel.querySelector('[data-total="deadLetters"]').textContent = formatCount(totals.deadLetters);
  panel.querySelector('[data-total="maxLagMs"]').textContent = formatDuration(totals.maxLagMs);

  const rows = data.sources.map(s => {
    const reasons = s.deadLettersByReason.map(r =>
      el('span', { class: 'reason', title: r.reasonCode }, r.reasonCode + ' × ' + formatCount(r.count)));
    const lag = s.lag || {};
    return el('tr', { 'data-source': s.sourceId },
      el('td', { 'data-field': 'name' }, s.name, s.name !== s.sourceId ? el('span', { class: 'source-id' }, s.sourceId) : null),
      el('td', { 'data-field': 'health' }, el('span', { class: 'badge ' + s.health, title: s.health }, s.healthLabel)),
      el('td', { class: 'num', 'data-field': 'capturedRows' }, formatCount(s.capturedRows)),
      el('td', { class: 'num', 'data-field': 'events' }, formatCount(s.events)),
      el('td', { class: 'num', 'data-field': 'deadLetters' },
        el('span', { class: 'dl-count' + (s.deadLetters > 0 ? ' has' : '') }, formatCount(s.deadLetters)),
        s.recentDeadLetters > 0 ? ' (+' + formatCount(s.recentDeadLetters) + ')' : null),
      el('td', { 'data-field': 'deadLettersByReason' }, ...(reasons.length ? reasons : ['–'])),
      el('td', { class: 'num', 'data-field': 'lagP50' }, s.lag ? formatDuration(lag.p50Ms) : '–'),
      el('td', { class: 'num', 'data-field': 'lagP95' }, s.lag ? formatDuration(lag.p95Ms) : '–'),
      el('td', { class: 'num', 'data-field': 'lagMax', title: s.lag ? lag.samples + ' 个事件' : '近期无事件' },
        s.lag ? formatDuration(lag.maxMs) : '–'),
      el('td', { 'data-field': 'lastHeartbeatAt' }, formatTime(s.lastHeartbeatAt)),
      el('td', { 'data-field': 'lastHeardAt' }, formatTime(s.lastHeardAt), el('span', { class: 'age' }, formatAge(s.lastHeardAgeMs))));
  });
  fillBody(panel.querySelector('#sources'), rows, '尚无数据源：连接器还未写入任何数据', 11);

  const dead = data.recentDeadLetters.map(d => el('tr', { 'data-source': d.sourceId },
    el('td', {}, formatTime(d.deadLetteredAt)),
    el('td', {}, d.sourceName),
    el('td', {}, d.sourceTable || '–'),
    el('td', {}, el('span', { class: 'reason' }, d.reasonCode)),
    el('td', {}, d.reason),
    el('td', {}, d.topic + ' / ' + d.partition + ' / ' + d.offset),
    el('td', {}, d.sourcePosition || '–')));
  fillBody(panel.querySelector('#dead-letters'), dead, '暂无死信', 7);
  return data.generatedAt;
}

// ---- the throughput panel ----

// Columns of the three throughput tables; `value` is the raw figure (data-value, read by the browser test),
// `text` what people read.
const TP_COLUMNS = [
  { field: 'accepted', title: '受理', tip: '受理事件数（按受理的业务时间计，含补录的纸质件）', text: formatCount },
  { field: 'completed', title: '办结', tip: '办结事件数：作出决定（准予或不予许可）', text: formatCount },
  { field: 'returned', title: '退办', tip: '退办件（3.7），不计入办结', text: formatCount },
  { field: 'supplementRequested', title: '补正', tip: '补正告知次数', text: formatCount },
  { field: 'notAccepted', title: '不予受理', tip: '不予受理，不计入受理与办结', text: formatCount },
  { field: 'withdrawn', title: '撤件', tip: '申请人撤回，不计入办结', text: formatCount },
  { field: 'immediateShare', title: '即办占比', tip: '受理中即办件所占比例 = 即办件受理数 / 受理数', text: formatShare },
  { field: 'handlingAvgS', title: '平均', tip: '办理时长平均 = 办理时长合计 / 有受理时间的办结数（精确）', text: formatSeconds },
  { field: 'handlingP50S', title: 'P50', tip: '办理时长中位数：仅当全部样本来自同一个桶时给出（精确值）', text: formatSeconds },
  { field: 'handlingP90S', title: 'P90', tip: '办理时长 90 分位：仅当全部样本来自同一个桶时给出（精确值）', text: formatSeconds },
];

const LEVEL_PREFIX = { center: '', department: '', window: '窗口 ', kind: '' };

function tpHead(table) {
  const top = el('tr', {},
    el('th', { rowspan: 2 }, '中心 / 部门 / 窗口 / 办件类型'),
    ...TP_COLUMNS.slice(0, 7).map(c => el('th', { rowspan: 2, class: 'num', title: c.tip }, c.title)),
    el('th', { colspan: 3, class: 'group', title: '办结 − 受理，自然时间' }, '办理时长'));
  const sub = el('tr', {}, ...TP_COLUMNS.slice(7).map(c => el('th', { class: 'num', title: c.tip }, c.title)));
  table.replaceChildren(el('thead', {}, top, sub), el('tbody', {}));
}

function rowName(r) {
  switch (r.level) {
    case 'center': return r.centerName;
    case 'department': return r.departmentName;
    case 'window': return LEVEL_PREFIX.window + r.windowName;
    default: return r.caseKindLabel;
  }
}

function figureCell(c, f) {
  const v = f[c.field];
  const attrs = { class: 'num', 'data-field': c.field, 'data-value': v === null || v === undefined ? '' : String(v) };
  if ((c.field === 'handlingP50S' || c.field === 'handlingP90S') && v === null && f.quantiles === 'NOT_MERGEABLE') {
    attrs.title = '样本来自多个桶或多个窗口 / 类型：各桶的分位数不能合并成总体分位数，请看平均或下级行';
    attrs.class += ' not-mergeable';
    return el('td', attrs, '不可合并');
  }
  return el('td', attrs, c.text(v));
}

function tpRow(r) {
  const attrs = { class: 'level-' + r.level, 'data-level': r.level, 'data-center': r.centerId };
  if (r.departmentId !== null) attrs['data-department'] = r.departmentId;
  if (r.windowId !== null) attrs['data-window'] = r.windowId;
  if (r.caseKind !== null) attrs['data-kind'] = r.caseKind;
  const f = r.figures;
  return el('tr', attrs,
    el('td', { 'data-field': 'name', title: [r.centerId, r.departmentId, r.windowId, r.caseKind].filter(x => x !== null).join(' / ') },
      rowName(r)),
    ...TP_COLUMNS.map(c => figureCell(c, f)));
}

function fillTp(table, period, emptyText) {
  if (!table.tHead) tpHead(table);
  table.dataset.from = period ? period.from : '';
  table.dataset.to = period ? period.to : '';
  fillBody(table, period ? period.rows.map(tpRow) : [], emptyText, TP_COLUMNS.length + 1);
}

const charts = {};

// ECharts comes from the WebJar; if it did not load, the tables still carry every figure.
function chart(id) {
  if (typeof echarts === 'undefined') {
    document.getElementById(id).textContent = '图表库未加载（/webjars/echarts），数据见下方表格';
    return null;
  }
  if (!charts[id]) {
    charts[id] = echarts.init(document.getElementById(id));
    window.addEventListener('resize', () => charts[id].resize());
  }
  return charts[id];
}

function seriesOption(kind, labels, accepted, completed) {
  const series = (name, data, color) => (kind === 'bar'
    ? { name, type: 'bar', data, itemStyle: { color } }
    : { name, type: 'line', data, symbolSize: 4, itemStyle: { color }, lineStyle: { color } });
  return {
    animation: false,
    tooltip: { trigger: 'axis' },
    legend: { data: ['受理', '办结'], top: 0 },
    grid: { left: 40, right: 16, top: 30, bottom: 24 },
    xAxis: { type: 'category', data: labels },
    yAxis: { type: 'value', minInterval: 1 },
    series: [series('受理', accepted, '#1f6feb'), series('办结', completed, '#1a7f37')],
  };
}

let selectedHour = null;  // the hour the user picked; null follows the latest hour
let lastThroughput = null;

function renderHour(data) {
  const table = document.getElementById('tp-hour');
  const hour = data.hours.find(h => h.from === selectedHour) || data.hours[data.hours.length - 1] || null;
  fillTp(table, hour, '该小时没有桶');
}

function renderThroughput(panel, data) {
  lastThroughput = data;
  const empty = data.asOf === null;
  panel.querySelector('#tp-empty').hidden = !empty;
  panel.querySelector('#tp-asof').replaceChildren(empty
    ? '业务时间：尚无数据'
    : el('span', {}, '业务时间截至 ', el('strong', { 'data-field': 'asOf', 'data-value': data.asOf }, formatTime(data.asOf)),
      '（数据中最新的分钟桶；演示环境的模拟办公时钟可能落后于现实时间）· 今日 = ',
      el('strong', { 'data-field': 'businessDay' }, data.businessDay),
      el('span', { class: 'meta' }, ' · 读取于 ' + formatTime(data.generatedAt))));
  panel.querySelectorAll('.tp-recent-minutes').forEach(s => { s.textContent = data.recentMinutes || 30; });

  const totals = data.today ? data.today.totals : null;
  panel.querySelectorAll('#tp-cards [data-total]').forEach(card => {
    const c = TP_COLUMNS.find(col => col.field === card.dataset.total);
    const v = totals ? totals[c.field] : null;
    card.dataset.value = v === null || v === undefined ? '' : String(v);
    card.textContent = c.text(v);
  });

  panel.querySelector('#tp-recent-range').textContent = data.recent ? formatTime(data.recent.from) + ' – ' + formatTime(data.recent.to) : '';
  panel.querySelector('#tp-today-range').textContent = data.today ? data.today.label : '';
  fillTp(panel.querySelector('#tp-recent'), data.recent, '这段时间没有桶');
  fillTp(panel.querySelector('#tp-today'), data.today, '今日没有桶');

  const select = panel.querySelector('#tp-hour-select');
  select.replaceChildren(...data.hours.map(h => el('option', { value: h.from }, h.label)));
  if (!data.hours.some(h => h.from === selectedHour)) selectedHour = null;
  select.value = selectedHour || (data.hours.length ? data.hours[data.hours.length - 1].from : '');
  renderHour(data);

  const hourly = chart('chart-hourly');
  if (hourly) {
    hourly.setOption(seriesOption('bar', data.hours.map(h => h.label.slice(0, 5)),
      data.hours.map(h => h.totals.accepted), data.hours.map(h => h.totals.completed)));
  }
  const recent = chart('chart-recent');
  if (recent) {
    recent.setOption(seriesOption('line', data.perMinute.map(p => p.label),
      data.perMinute.map(p => p.accepted), data.perMinute.map(p => p.completed)));
  }
  return data.generatedAt;
}

function initThroughputControls() {
  const select = document.getElementById('tp-hour-select');
  select.addEventListener('change', () => {
    const latest = lastThroughput && lastThroughput.hours.length ? lastThroughput.hours[lastThroughput.hours.length - 1].from : null;
    selectedHour = select.value === latest ? null : select.value;
    if (lastThroughput) renderHour(lastThroughput);
  });
  const hourly = chart('chart-hourly');
  if (hourly) {
    hourly.on('click', p => {
      if (!lastThroughput || !lastThroughput.hours[p.dataIndex]) return;
      select.value = lastThroughput.hours[p.dataIndex].from;
      select.dispatchEvent(new Event('change'));
    });
  }
  chart('chart-recent');
}

// ---- polling, banners ----

function setBanner(panelDef, message) {
  const id = 'banner-' + panelDef.id;
  let banner = document.getElementById(id);
  if (!message) {
    if (banner) banner.remove();
    return;
  }
  if (!banner) {
    banner = el('div', { id: id, class: 'banner' });
    document.getElementById('banners').append(banner);
  }
  banner.replaceChildren(el('strong', {}, panelDef.title + '：数据读取失败'), message,
    el('span', { class: 'meta' }, '（页面显示的是上次成功读取的数据，将自动重试）'));
}

async function poll(panelDef) {
  const panel = document.getElementById(panelDef.id);
  let next = panelDef.refreshMs || DEFAULT_REFRESH_MS;
  try {
    const response = await fetch(panelDef.endpoint, { cache: 'no-store' });
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON: reported below */ }
    if (body && body.refreshIntervalMs) next = panelDef.refreshMs = body.refreshIntervalMs;
    if (!response.ok || !body || body.error) {
      throw new Error(body && body.error ? body.error : 'HTTP ' + response.status + ' ' + response.statusText);
    }
    const at = panelDef.render(panel, body);
    panel.classList.remove('stale');
    setBanner(panelDef, null);
    document.getElementById('clock').textContent =
      '更新于 ' + formatTime(at) + ' · 每 ' + Math.round(next / 1000) + ' 秒自动刷新';
  } catch (e) {
    panel.classList.add('stale');
    document.getElementById('clock').textContent = '读取失败，' + Math.round(next / 1000) + ' 秒后重试';
    setBanner(panelDef, e instanceof TypeError ? '控制台无响应（' + e.message + '）' : e.message);
  } finally {
    setTimeout(() => poll(panelDef), next);  // after the answer, so slow reads never pile up
  }
}

// ---- Record pages (a case's 跟踪表, an incident): /<kind>/<center>/<id> reads /api/<kind>/<center>/<id> once ----

/**
 * Reads the record the page's path names, sets the title (id · center), and hands the JSON to render; a failure or a
 * 404 becomes a banner (notFound is its heading for a 404).
 */
async function loadRecordPage(titleId, notFound, render) {
  const parts = window.location.pathname.split('/').filter(p => p.length > 0);  // [kind, center, id]
  const [kind, center, id] = parts;
  document.getElementById(titleId).textContent = decodeURIComponent(id) + ' · ' + decodeURIComponent(center);
  let body = null;
  let status = 0;
  try {
    const response = await fetch('/api/' + kind + '/' + center + '/' + id, { cache: 'no-store' });
    status = response.status;
    body = await response.json();
  } catch (e) {
    body = { error: '控制台无响应（' + e.message + '）' };
  }
  if (!body || body.error) {
    document.getElementById('banners').append(el('div', { class: 'banner' },
      el('strong', {}, status === 404 ? notFound : '读取失败'), body ? body.error : 'HTTP ' + status));
    return;
  }
  render(body);
}

// The case and incident pages load this file for its helpers only.
if (!document.currentScript.hasAttribute('data-no-panels')) {
  initThroughputControls();
  PANELS.forEach(poll);
}
