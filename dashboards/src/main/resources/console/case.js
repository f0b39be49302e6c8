// The 跟踪表 page of one case: /cases/<center>/<case> reads /api/cases/<center>/<case> once (a record, not a live panel).
'use strict';

function renderCase(data) {
  const c = data.clock;
  const fields = document.getElementById('clock-fields');
  const pair = (k, v) => [el('dt', {}, k), el('dd', {}, v === null || v === undefined || v === '' ? '–' : v)];
  fields.replaceChildren(...(c === null ? pair('时限', '尚无（未受理）') : [
    ...pair('事项', (c.itemName || '') + (c.itemCode ? '（' + c.itemCode + '）' : '')),
    ...pair('办件类型', c.caseKind),
    ...pair('部门 / 窗口', (c.departmentName || c.departmentId || '–') + ' / ' + (c.windowId || '–')),
    ...pair('受理', formatTime(c.accepted)),
    ...pair('时限', c.limit + '（' + c.limitBasis + '）'),
    ...pair('承诺期限', formatTime(c.due)),
    ...pair('已用', formatDays(c.usedDays)),
    ...pair('剩余', formatDays(c.remainingDays)),
    ...pair('结果', c.outcome ? c.outcome + (c.outcome === 'OVERDUE' ? '，超期 ' + c.overdueDays + ' 天' : '') : '办理中'),
    ...pair('办结', formatTime(c.closedAt)),
    ...pair('计算时间', formatTime(c.asOf)),
  ]));

  fillBody(document.getElementById('case-steps'), data.steps.map(s => el('tr', {},
    el('td', {}, s.stepName || '–', s.stepId ? el('span', { class: 'source-id' }, s.stepId) : null),
    el('td', {}, (s.departmentName || s.departmentId || '–') + ' / ' + (s.windowId || '–')),
    el('td', {}, s.handler || '–'),
    el('td', {}, formatTime(s.started), s.startInferred ? el('span', { class: 'age' }, '（由上一环节推断）') : null),
    el('td', {}, s.ended ? formatTime(s.ended) : '进行中'),
    el('td', {}, s.result || '–'),
    el('td', { class: 'num' }, formatDays(s.usedDays)),
    el('td', { class: 'num' }, s.budget ? s.budget : '–'),
    el('td', { class: 'num' + (s.overBudgetDays > 0 ? ' overdue' : '') }, s.overBudgetDays > 0 ? formatDays(s.overBudgetDays) : '–'))),
    '尚无环节', 9);

  fillBody(document.getElementById('case-pauses'), (data.pauses || []).map(p => el('tr', { 'data-kind': p.kind },
    el('td', {}, el('span', { class: 'badge pause-' + p.kind, title: p.kind }, p.label),
      p.stepId ? el('span', { class: 'source-id' }, p.stepId) : null),
    el('td', { 'data-field': 'from' }, formatTime(p.from)),
    el('td', { 'data-field': 'to' }, p.open ? '停表中' : formatTime(p.to)),
    el('td', { 'data-field': 'reason' }, p.reason || '–'),
    el('td', { 'data-field': 'handler' }, p.handler || '–'),
    el('td', { 'data-field': 'recordedAt' }, formatTime(p.recordedAt)),
    el('td', { 'data-field': 'incident' }, ...(p.incidentId
      ? [el('a', { href: p.incidentUrl }, p.incidentId), el('span', { class: 'age' },
          ' 批准人 ' + (p.approver || '–') + (p.approvedAt ? ' · ' + formatTime(p.approvedAt) : ''))]
      : ['–'])),
    el('td', { class: 'num', 'data-field': 'stoppedDays', 'data-value': p.stoppedMillis, title: formatDuration(p.stoppedMillis) },
      formatDays(p.stoppedDays) + (p.measureLabel ? '（' + p.measureLabel + '）' : '')))),
    '未停过表', 8);

  fillBody(document.getElementById('case-cards'), data.cards.map(k => el('tr', { class: k.status === 'RETRACTED' ? 'retracted' : '' },
    el('td', {}, cardBadge(k.kind, k.label), k.qualifier ? el('span', { class: 'age' }, k.qualifier) : null),
    el('td', {}, k.status === 'RETRACTED' ? '已撤回' : '已发出'),
    el('td', {}, formatTime(k.instant)),
    el('td', {}, (k.handler || '–') + (k.stepName ? ' · ' + k.stepName : '')),
    el('td', { class: 'num' }, formatDays(k.remainingDays)),
    el('td', {}, k.clause + ' · ' + k.ruleVersion, el('pre', { class: 'evidence' }, JSON.stringify(k.evidence, null, 2))))),
    '尚无监察卡', 6);
}

loadRecordPage('case-title', '未找到办件', renderCase);
