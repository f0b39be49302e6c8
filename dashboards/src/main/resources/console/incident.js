// An incident's page: /incidents/<center>/<incident> reads /api/incidents/<center>/<incident> once (a record).
'use strict';

function formatMs(ms) {
  return ms === null || ms === undefined ? '–' : formatDuration(ms);
}

function renderIncident(i) {
  const pair = (k, v) => [el('dt', {}, k), el('dd', {}, v === null || v === undefined || v === '' ? '–' : v)];
  document.getElementById('incident-fields').replaceChildren(
    ...pair('类型 · 级别', i.typeLabel + ' · ' + i.levelLabel),
    ...pair('状态', i.confirmationLabel + ' · ' + i.statusLabel),
    ...pair('来源', i.source === 'DETECTOR' ? '自动检测（' + i.rule + '）' : '值班日志'),
    ...pair('涉及部门', i.departments.map(d => d.name || d.id).join('、')),
    ...pair('涉及窗口', i.windows.map(w => w.name || w.id).join('、')),
    ...pair('发生', formatTime(i.onset)),
    ...pair('发现', formatTime(i.detected)),
    ...pair('恢复服务', formatTime(i.restored)),
    ...pair('结束', formatTime(i.closed)),
    ...pair('预案时限', '按时 ' + i.deadlinesMet + '，超时 ' + i.deadlinesMissed),
    ...pair('规则版本', i.ruleVersion),
    ...pair('计算时间', formatTime(i.asOf)));

  fillBody(document.getElementById('incident-timeline'), i.timeline.map(f => el('tr', { 'data-fact': f.factId },
    el('td', {}, formatTime(f.at)),
    el('td', {}, f.label, f.level ? el('span', { class: 'age' }, f.level + ' 级') : null),
    el('td', {}, formatTime(f.recordedAt)),
    el('td', {}, f.source === 'DETECTOR' ? '自动检测' : '值班日志'),
    el('td', {}, f.reportedBy || f.reportedTo ? (f.reportedBy || '–') + ' → ' + (f.reportedTo || '–') : '–'),
    el('td', {}, [
      f.approver ? '批准人 ' + f.approver + '，停表 ' + formatTime(f.pauseFrom) + ' – ' + (f.pauseTo ? formatTime(f.pauseTo) : '恢复服务') : null,
      f.paperCases !== null && f.paperCases !== undefined ? (f.windowIds.join('、') + ' 纸质受理 ' + f.paperCases + ' 件') : null,
      f.note || null].filter(x => x).join('；') || '–'))),
    '尚无记录', 6);

  fillBody(document.getElementById('incident-deadlines'), i.deadlines.map(d => el('tr', { 'data-deadline': d.qualifier },
    el('td', {}, d.label),
    el('td', {}, d.level),
    el('td', {}, formatTime(d.start)),
    el('td', {}, formatTime(d.due)),
    el('td', {}, d.budget + (d.counting === 'OFFICE_HOURS' ? '（办公时间）' : '')),
    el('td', {}, formatTime(d.actual)),
    el('td', { class: d.met === false ? 'overdue' : '' }, d.statusLabel))),
    '尚无预案时限', 7);

  fillBody(document.getElementById('incident-throughput'), i.hours.map(h => el('tr', { 'data-scope': h.scope + '/' + (h.windowId || h.departmentId) },
    el('td', {}, h.scope === 'window' ? '窗口 ' + h.windowId : '部门 ' + h.departmentId),
    el('td', {}, formatTime(h.from) + ' – ' + formatTime(h.to)),
    el('td', {}, h.dayClassLabel),
    el('td', { class: 'num' }, formatCount(h.actual)),
    el('td', { class: 'num' }, h.baseline === null ? '无可比周' : h.baseline.toFixed(1)),
    el('td', {}, h.weeksBack.length ? h.weeksBack.join('、') + ' 周前' : '–'))),
    '事件区间为空，或尚无吞吐量数据', 6);

  fillBody(document.getElementById('incident-backfill'), i.impact.backfill.map(b => el('tr', { 'data-department': b.departmentId },
    el('td', {}, b.departmentName || b.departmentId),
    el('td', { class: 'num' }, formatCount(b.inScope)),
    el('td', { class: 'num' }, formatCount(b.backfilled)),
    el('td', { class: 'num' }, formatMs(b.latenessP50Ms)),
    el('td', { class: 'num' }, formatMs(b.latenessMaxMs)),
    el('td', {}, formatTime(b.lastEnteredAt)),
    el('td', { class: 'num' }, b.paperRegistered === null ? '未登记' : formatCount(b.paperRegistered)),
    el('td', { class: 'num' + (b.missing > 0 ? ' overdue' : '') }, b.missing === null ? '–' : formatCount(b.missing)))),
    '未涉及部门', 8);

  fillBody(document.getElementById('incident-cards'), i.cardRecords.map(k => el('tr', { class: k.status === 'RETRACTED' ? 'retracted' : '' },
    el('td', {}, cardBadge('incident', k.label), k.qualifier ? el('span', { class: 'age' }, k.qualifier) : null),
    el('td', {}, k.status === 'RETRACTED' ? '已撤回' : '已发出'),
    el('td', {}, formatTime(k.instant)),
    el('td', {}, formatTime(k.due)),
    el('td', { title: k.evidence || '' }, k.clause + ' · ' + k.ruleVersion),
    el('td', {}, k.summary))),
    '尚无监察卡', 6);
}

loadRecordPage('incident-title', '未找到事件', renderIncident);
