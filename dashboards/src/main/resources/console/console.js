// Xiaoneng console: plain JavaScript, no build step, no CDN (the machines may have no internet).
// Each panel polls its own /api/... endpoint; a failed poll shows a banner and dims the panel, which keeps
// its last figures until the next good answer. New panels (issue 8: throughput) register in PANELS below.
'use strict';

const DEFAULT_REFRESH_MS = 3000;

const PANELS = [
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

PANELS.forEach(poll);
