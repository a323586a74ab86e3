// Tickflow dashboard. Market data over /ws/market (public), the account's own state over /ws/account (its token).
// Prices from the platform are exact decimals; the page only formats them for display and sends what the user typed.
'use strict';

const $ = (selector) => document.querySelector(selector);
const state = {
  token: sessionStorage.getItem('tickflow.token'),
  account: null,
  symbols: new Map(),      // symbol -> {last, reference, prices: [..]}
  selected: null,
  bars: new Map(),         // minute (ms) -> [open, close, low, high, volume]
  indicators: null,
  orders: new Map(),       // orderId -> order view
  executions: [],
  requests: 0,
  ticketOrder: null,       // the ticket's last order, followed until it is done
  watchSocket: null,
  symbolSocket: null,
  accountSocket: null,
};
const OPEN = new Set(['PENDING_NEW', 'NEW', 'PARTIALLY_FILLED']);
const DONE = new Set(['FILLED', 'CANCELED', 'EXPIRED', 'REJECTED']);
const wsBase = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host;
const chart = echarts.init($('#chart'), 'dark', { renderer: 'canvas' });

function fmt(value, digits = 2) {
  if (value === null || value === undefined || value === '') return '';
  const number = Number(value);
  return Number.isFinite(number) ? number.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: Math.max(digits, 4) }) : String(value);
}
function signed(value) {
  const number = Number(value);
  return (number > 0 ? '+' : '') + fmt(value);
}
function shortId(id) { return id && id.length > 10 ? '…' + id.slice(-8) : id ?? ''; }
function cls(value) { return Number(value) > 0 ? 'up' : Number(value) < 0 ? 'down' : ''; }
function time(micros) { return new Date(Number(micros) / 1000).toLocaleTimeString('en-GB'); }
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === 'class') node.className = value; else if (key.startsWith('on')) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ''));
  return node;
}

// ---- sign-in ---------------------------------------------------------------------------------------------------
async function signIn(token) {
  const answer = await fetch('/api/me', { headers: { Authorization: 'Bearer ' + token } });
  if (answer.status === 401) throw new Error('This token is not an account of this platform.');
  if (!answer.ok) throw new Error('Sign-in failed (' + answer.status + '); try again.');
  const me = await answer.json();
  state.token = token;
  state.account = me.account;
  sessionStorage.setItem('tickflow.token', token);
  $('#who').textContent = me.account + (me.admin ? ' (admin)' : '');
  $('#logout').hidden = false;
  connectAccount();
}
$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  $('#login-error').textContent = '';
  try {
    await signIn($('#token').value.trim());
    $('#login').close();
  } catch (error) {
    $('#login-error').textContent = error.message;
  }
});
$('#logout').addEventListener('click', () => {
  sessionStorage.removeItem('tickflow.token');
  location.reload();
});

// ---- market data -----------------------------------------------------------------------------------------------
function socket(path, onMessage, onOpen, statusDot) {
  let ws;
  const open = () => {
    ws = new WebSocket(wsBase + path);
    ws.onopen = () => { if (statusDot) $(statusDot).classList.add('on'); onOpen(ws); };
    ws.onmessage = (event) => onMessage(JSON.parse(event.data));
    ws.onclose = (event) => {
      if (statusDot) $(statusDot).classList.remove('on');
      if (event.code !== 1000) setTimeout(open, 2000);
    };
  };
  open();
  return { send: (message) => ws && ws.readyState === WebSocket.OPEN && ws.send(JSON.stringify(message)), close: () => ws && ws.close(1000) };
}

async function loadSymbols() {
  try {
    const answer = await fetch('/api/symbols');
    if (answer.ok) {
      for (const line of await answer.json()) {
        const entry = state.symbols.get(line.symbol) ?? { prices: [] };
        entry.last = Number(line.last);
        entry.reference = Number(line.last) / (1 + Number(line.changePercent) / 100);
        state.symbols.set(line.symbol, entry);
      }
    }
  } catch (error) { /* market-stats not up yet: retried below */ }
  renderWatchlist();
  if (state.symbols.size === 0) { setTimeout(loadSymbols, 3000); return; }
  state.watchSocket.send({ action: 'subscribe', symbols: [...state.symbols.keys()], streams: ['ticks', 'movers'] });
  if (!state.selected) select([...state.symbols.keys()][0]);
}

function onMarket(message) {
  if (message.type === 'tick') {
    const entry = state.symbols.get(message.symbol) ?? { prices: [], reference: message.data.price };
    entry.last = message.data.price;
    entry.prices.push(entry.last);
    if (entry.prices.length > 60) entry.prices.shift();
    state.symbols.set(message.symbol, entry);
    scheduleWatchlist();
    if (message.symbol === state.selected) $('#chart-last').textContent = fmt(entry.last);
  } else if (message.type === 'movers') {
    renderMovers(message.data);
  }
}

let watchlistPending = false;
function scheduleWatchlist() {
  if (!watchlistPending) { watchlistPending = true; requestAnimationFrame(() => { watchlistPending = false; renderWatchlist(); }); }
}
function renderWatchlist() {
  const body = $('#watchlist tbody');
  body.replaceChildren(...[...state.symbols.entries()].sort().map(([symbol, entry]) => {
    const change = entry.reference ? (entry.last / entry.reference - 1) * 100 : 0;
    const row = el('tr', { 'data-symbol': symbol, onclick: () => select(symbol) },
      el('td', {}, symbol), el('td', { class: 'num last' }, fmt(entry.last)),
      el('td', { class: 'num ' + cls(change) }, signed(change.toFixed(2))), el('td', {}, sparkline(entry.prices)));
    if (symbol === state.selected) row.classList.add('selected');
    return row;
  }));
}
function sparkline(prices) {
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('class', 'spark');
  svg.setAttribute('viewBox', '0 0 80 18');
  if (prices.length > 1) {
    const low = Math.min(...prices), high = Math.max(...prices), span = high - low || 1;
    const points = prices.map((price, i) => `${(i * 80 / (prices.length - 1)).toFixed(1)},${(17 - (price - low) * 16 / span).toFixed(1)}`);
    const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
    line.setAttribute('points', points.join(' '));
    line.setAttribute('fill', 'none');
    line.setAttribute('stroke', prices[prices.length - 1] >= prices[0] ? '#26a69a' : '#ef5350');
    svg.append(line);
  }
  return svg;
}
function renderMovers(movers) {
  const column = (title, entries) => el('div', {}, el('h2', {}, title), ...entries.map((entry) =>
    el('div', { class: 'mover', onclick: () => select(entry.symbol) }, entry.symbol + ' ', el('span', { class: cls(entry.changePpm) },
      signed((entry.changePpm / 10000).toFixed(2)) + '%'))));
  $('#movers').replaceChildren(column('Gainers', movers.gainers), column('Losers', movers.losers));
}

// ---- the selected symbol: chart and book -------------------------------------------------------------------------
async function select(symbol) {
  if (!symbol || symbol === state.selected) return;
  const previous = state.selected;
  state.selected = symbol;
  $('#chart-symbol').textContent = symbol;
  $('#book-symbol').textContent = symbol;
  $('#ticket-symbol').value = symbol;
  $('#chart-last').textContent = fmt(state.symbols.get(symbol)?.last);
  renderWatchlist();
  state.bars = new Map();
  $('#book tbody').replaceChildren();
  if (previous) state.symbolSocket.send({ action: 'unsubscribe', symbols: [previous] });
  state.recommendation = null;
  state.lastSignal = null;
  $('#strategy').replaceChildren(el('span', { class: 'muted' }, 'Strategy: waiting for the next closed minute…'));
  state.symbolSocket.send({ action: 'subscribe', symbols: [symbol], streams: ['bars', 'book', 'signals'] });
  const [bars, indicators] = await Promise.all([
    fetch('/api/bars/' + encodeURIComponent(symbol)).then((r) => (r.ok ? r.json() : [])).catch(() => []),
    fetch('/api/indicators/' + encodeURIComponent(symbol)).then((r) => (r.ok ? r.json() : null)).catch(() => null),
  ]);
  if (symbol !== state.selected) return;
  for (const bar of bars) {
    state.bars.set(Date.parse(bar.start), [Number(bar.open), Number(bar.close), Number(bar.low), Number(bar.high), Number(bar.volume)]);
  }
  state.indicators = indicators;
  renderIndicators();
  renderChart();
}

function onSymbol(message) {
  if (message.symbol !== state.selected) return;
  if (message.type === 'bar') {
    const bar = message.data;
    const minute = bar.windowStartMicros / 1000;
    const known = state.bars.has(minute);
    state.bars.set(minute, [bar.open, bar.close, bar.low, bar.high, bar.volume]);
    if (!known && bar.closed === false) refreshIndicators();
    scheduleChart();
  } else if (message.type === 'book') {
    renderBook(message.data);
  } else if (message.type === 'recommendation') {
    renderRecommendation(message.data);
  } else if (message.type === 'signal') {
    state.lastSignal = message.data;
    renderRecommendation(state.recommendation);
  }
}

function renderRecommendation(recommendation) {
  state.recommendation = recommendation;
  const parts = [];
  if (recommendation) {
    const action = el('strong', { class: recommendation.action === 'BUY' ? 'buy' : recommendation.action === 'SELL' ? 'sell' : '' },
      recommendation.action);
    parts.push('Strategy: ', action, ` ${(recommendation.confidence * 100).toFixed(0)}%`,
      recommendation.probabilityUp === null ? '' : ` · p(up) ${(recommendation.probabilityUp * 100).toFixed(0)}%`,
      el('span', { class: 'muted' }, ' — ' + recommendation.reasons.join('; ')));
  }
  if (state.lastSignal && state.lastSignal.symbol === state.selected) {
    parts.push(el('div', { class: 'muted' }, `Last signal: ${state.lastSignal.rule} ${state.lastSignal.direction} at ${time(state.lastSignal.barEndMicros)}`));
  }
  if (parts.length) $('#strategy').replaceChildren(...parts);
}

async function refreshIndicators() {
  const answer = await fetch('/api/indicators/' + encodeURIComponent(state.selected)).catch(() => null);
  if (answer && answer.ok) { state.indicators = await answer.json(); renderIndicators(); }
}
function renderIndicators() {
  const ind = state.indicators;
  if (!ind) { $('#chart-indicators').textContent = 'indicators after the first closed minute'; return; }
  // an indicator whose window is not full yet is null: shown as nothing rather than as a number from too few bars
  const parts = Object.entries(ind.sma ?? {}).filter(([, value]) => value != null).map(([period, value]) => `SMA${period} ${fmt(value)}`);
  if (ind.bollinger?.lower != null) parts.push(`BB(${ind.bollinger.period},${ind.bollinger.width}) ${fmt(ind.bollinger.lower)} – ${fmt(ind.bollinger.upper)}`);
  if (ind.rsi?.value != null) parts.push(`RSI${ind.rsi.period} ${fmt(ind.rsi.value, 1)}`);
  if (ind.sessionVwap) parts.push(`VWAP ${fmt(ind.sessionVwap)}`);
  $('#chart-indicators').textContent = parts.join(' · ');
}

// Overlays drawn with market-stats' own periods (its latest values are in the legend above the chart).
function movingAverage(closes, period) {
  return closes.map((_, i) => (i + 1 < period ? null : closes.slice(i + 1 - period, i + 1).reduce((a, b) => a + b, 0) / period));
}
function bollinger(closes, period, width) {
  const middle = movingAverage(closes, period);
  return middle.map((mean, i) => {
    if (mean === null) return [null, null];
    const window = closes.slice(i + 1 - period, i + 1);
    const deviation = Math.sqrt(window.reduce((sum, close) => sum + (close - mean) ** 2, 0) / period);
    return [mean - width * deviation, mean + width * deviation];
  });
}

let chartPending = false;
function scheduleChart() {
  if (!chartPending) { chartPending = true; setTimeout(() => { chartPending = false; renderChart(); }, 250); }
}
function renderChart() {
  const minutes = [...state.bars.keys()].sort((a, b) => a - b);
  const bars = minutes.map((minute) => state.bars.get(minute));
  const labels = minutes.map((minute) => new Date(minute).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' }));
  const closes = bars.map((bar) => bar[1]);
  const smaPeriods = Object.keys(state.indicators?.sma ?? { 20: 0 }).map(Number);
  const bandPeriod = state.indicators?.bollinger?.period ?? 20, bandWidth = state.indicators?.bollinger?.width ?? 2;
  const bands = bollinger(closes, bandPeriod, bandWidth);
  const overlay = (name, data, color) => ({ name, type: 'line', data, showSymbol: false, lineStyle: { width: 1, color }, xAxisIndex: 0, yAxisIndex: 0 });
  chart.setOption({
    backgroundColor: 'transparent', animation: false,
    tooltip: { trigger: 'axis', axisPointer: { type: 'cross' } },
    legend: { top: 0, textStyle: { color: '#8b949e' } },
    grid: [{ left: 60, right: 16, top: 28, height: '62%' }, { left: 60, right: 16, top: '76%', height: '16%' }],
    xAxis: [{ type: 'category', data: labels, boundaryGap: true }, { type: 'category', data: labels, gridIndex: 1, axisLabel: { show: false } }],
    yAxis: [{ scale: true, splitLine: { lineStyle: { color: '#21262d' } } }, { gridIndex: 1, splitNumber: 2, axisLabel: { show: false } }],
    dataZoom: [{ type: 'inside', xAxisIndex: [0, 1], start: Math.max(0, 100 - 6000 / Math.max(bars.length, 1)), end: 100 }],
    series: [
      { name: 'Price', type: 'candlestick', data: bars.map((bar) => bar.slice(0, 4)),
        itemStyle: { color: '#26a69a', color0: '#ef5350', borderColor: '#26a69a', borderColor0: '#ef5350' } },
      ...smaPeriods.map((period, i) => overlay('SMA' + period, movingAverage(closes, period), ['#f2cc60', '#a371f7', '#58a6ff'][i % 3])),
      overlay('BB upper', bands.map((band) => band[1]), '#6e7681'),
      overlay('BB lower', bands.map((band) => band[0]), '#6e7681'),
      { name: 'Volume', type: 'bar', xAxisIndex: 1, yAxisIndex: 1, data: bars.map((bar) => ({ value: bar[4],
        itemStyle: { color: bar[1] >= bar[0] ? '#26a69a88' : '#ef535088' } })) },
    ],
  }, { notMerge: true });
}
window.addEventListener('resize', () => chart.resize());

function renderBook(book) {
  const depth = Math.max(book.bids.length, book.asks.length);
  const rows = [];
  for (let i = book.asks.length - 1; i >= 0; i--) {
    const ask = book.asks[i];
    rows.push(el('tr', {}, el('td'), el('td'), el('td', { class: 'num price ask' }, fmt(ask.price)),
      el('td', { class: 'num ask' }, ask.quantity), el('td', { class: 'num muted' }, ask.orders)));
  }
  for (const bid of book.bids) {
    rows.push(el('tr', {}, el('td', { class: 'num muted' }, bid.orders), el('td', { class: 'num bid' }, bid.quantity),
      el('td', { class: 'num price bid' }, fmt(bid.price)), el('td'), el('td')));
  }
  if (depth === 0) rows.push(el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'The book is empty.')));
  $('#book tbody').replaceChildren(...rows);
}

// ---- the account -----------------------------------------------------------------------------------------------
const pending = new Map();   // requestId -> callback
function request(message) {
  return new Promise((resolve) => {
    const requestId = 'r' + (++state.requests);
    pending.set(requestId, resolve);
    state.accountSocket.send({ ...message, requestId });
  });
}

function connectAccount() {
  state.accountSocket = socket('/ws/account?access_token=' + encodeURIComponent(state.token), onAccount, () => {}, '#account-status');
}

function onAccount(message) {
  if (message.requestId && pending.has(message.requestId)) {
    pending.get(message.requestId)(message);
    pending.delete(message.requestId);
  }
  switch (message.type) {
    case 'orders': for (const order of message.data ?? []) mergeOrder(order); renderOrders(); break;
    case 'order': if (message.data?.orderId) { mergeOrder(message.data); renderOrders(); } break;
    case 'execution': onExecution(message.data); break;
    case 'rejected': onRejected(message.data); break;
    case 'pnl': renderPositions(message.data); break;
    case 'alert': addAlert(message.data); break;
    case 'resync': state.accountSocket.send({ action: 'refresh' }); break;
    default: break;
  }
}

// An answer or a list can be older than the execution reports already pushed (a fill often arrives before the answer
// to the order that caused it): it never takes an order back to an earlier state.
function mergeOrder(view) {
  const known = state.orders.get(view.orderId);
  const stale = known && ((known.filledQuantity ?? 0) > (view.filledQuantity ?? 0) || (DONE.has(known.status) && !DONE.has(view.status)));
  const merged = stale ? { ...view, status: known.status, filledQuantity: known.filledQuantity, averagePrice: known.averagePrice,
    updatedAt: known.updatedAt } : { ...known, ...view };
  state.orders.set(view.orderId, merged);
  return merged;
}

function onExecution(report) {
  const order = state.orders.get(report.orderId) ?? { orderId: report.orderId, clientOrderId: report.clientOrderId, symbol: report.symbol,
    side: report.side, type: report.orderType, quantity: report.orderQuantity, limitPrice: report.limitPrice };
  order.status = report.orderStatus;
  order.quantity = report.orderQuantity;
  order.limitPrice = report.limitPrice;
  order.filledQuantity = report.cumulativeQuantity;
  order.averagePrice = report.averagePrice;
  order.updatedAt = new Date(report.transactTimeMicros / 1000).toISOString();
  state.orders.set(report.orderId, order);
  if (report.orderId === state.ticketOrder) showOrderResult(order);
  if (report.execType === 'TRADE') {
    state.executions.unshift(report);
    state.executions.length = Math.min(state.executions.length, 200);
    renderExecutions();
  }
  renderOrders();
}
function onRejected(rejected) {
  if (rejected.orderId && state.orders.has(rejected.orderId)) {
    const order = state.orders.get(rejected.orderId);
    if (OPEN.has(order.status) && rejected.reason !== 'ORDER_NOT_ACTIVE') {
      order.status = 'REJECTED'; order.rejectReason = rejected.reason; order.rejectMessage = rejected.message;
    }
    renderOrders();
  }
}

function renderOrders() {
  const orders = [...state.orders.values()].sort((a, b) => String(b.updatedAt ?? b.submittedAt ?? '').localeCompare(String(a.updatedAt ?? a.submittedAt ?? '')));
  $('#orders tbody').replaceChildren(...orders.slice(0, 200).map((order) => el('tr', { 'data-order': order.orderId },
    el('td', {}, order.submittedAt ? new Date(order.submittedAt).toLocaleTimeString('en-GB') : ''),
    el('td', { class: 'small', title: order.orderId }, shortId(order.orderId)),
    el('td', { class: order.side === 'BUY' ? 'buy' : 'sell' }, order.side),
    el('td', {}, order.symbol), el('td', { class: 'num' }, order.quantity), el('td', { class: 'num' }, order.limitPrice ? fmt(order.limitPrice) : 'MKT'),
    el('td', { class: 'num' }, order.filledQuantity ?? 0), el('td', { class: 'num' }, fmt(order.averagePrice)),
    el('td', { class: 'status', title: order.rejectMessage ?? '' }, order.status + (order.rejectReason ? ' · ' + order.rejectReason : '')),
    el('td', {}, OPEN.has(order.status) ? el('button', { class: 'cancel', type: 'button', onclick: () => cancel(order.orderId) }, 'Cancel') : ''))));
}
function renderExecutions() {
  $('#executions tbody').replaceChildren(...state.executions.map((report) => el('tr', {},
    el('td', {}, time(report.transactTimeMicros)), el('td', { class: 'small', title: report.orderId }, shortId(report.orderId)),
    el('td', { class: report.side === 'BUY' ? 'buy' : 'sell' }, report.side), el('td', {}, report.symbol),
    el('td', { class: 'num' }, report.lastQuantity), el('td', { class: 'num' }, fmt(report.lastPrice)), el('td', {}, report.liquidity ?? ''))));
}
function renderPositions(pnl) {
  $('#pnl-total').textContent = 'P&L ' + signed(pnl.totalPnl);
  $('#pnl-total').className = 'big ' + cls(pnl.totalPnl);
  $('#positions tbody').replaceChildren(...pnl.positions.filter((p) => p.quantity !== 0 || Number(p.realizedPnl) !== 0).map((p) => el('tr', {},
    el('td', {}, p.symbol), el('td', { class: 'num' }, p.quantity), el('td', { class: 'num' }, fmt(p.averageCost)),
    el('td', { class: 'num' }, fmt(p.lastPrice)), el('td', { class: 'num ' + cls(p.unrealizedPnl) }, signed(p.unrealizedPnl)),
    el('td', { class: 'num ' + cls(p.realizedPnl) }, signed(p.realizedPnl)))));
}
function addAlert(alert) {
  const list = $('#alerts');
  if (list.querySelector('.muted')) list.replaceChildren();
  list.prepend(el('li', {}, el('strong', {}, `${alert.severity ?? ''} ${alert.type}`), ' ', alert.account ?? alert.symbol ?? '',
    el('div', { class: 'muted small' }, `${time(alert.detectedAtMicros)} — ${alert.description}`)));
}

async function cancel(orderId) {
  const answer = await request({ action: 'cancel', orderId });
  if (answer.type === 'error') showResult('Cancel refused: ' + problemText(answer.problem), true);
}

function problemText(problem) {
  if (!problem) return 'refused';
  const errors = (problem.errors ?? []).map((error) => `${error.field}: ${error.message}`);
  return [problem.detail ?? problem.title, ...errors].filter(Boolean).join('; ');
}
function showResult(text, bad) {
  $('#ticket-result').textContent = text;
  $('#ticket-result').className = bad ? 'error' : '';
}

$('#ticket-type').addEventListener('change', () => {
  const market = $('#ticket-type').value === 'MARKET';
  $('#ticket-price').disabled = market;
  if (market) { $('#ticket-price').value = ''; $('#ticket-tif').value = 'IOC'; }
});
$('#ticket').addEventListener('submit', async (event) => {
  event.preventDefault();
  const form = new FormData(event.target);
  const type = form.get('type');
  showResult('Sending…');
  const answer = await request({ action: 'new', symbol: form.get('symbol').trim().toUpperCase(), side: form.get('side'), type,
    timeInForce: form.get('timeInForce'), quantity: Number(form.get('quantity')), limitPrice: type === 'LIMIT' ? form.get('limitPrice') : null });
  if (answer.type === 'error') {
    showResult('Not sent: ' + problemText(answer.problem), true);
  } else {
    state.ticketOrder = answer.data.orderId;
    showOrderResult(state.orders.get(answer.data.orderId) ?? answer.data);
  }
});
function showOrderResult(order) {
  if (order.status === 'REJECTED') {
    showResult(`Rejected: ${order.rejectReason} — ${order.rejectMessage ?? ''}`, true);
  } else {
    showResult(`Order ${order.orderId}: ${order.status}` + (order.filledQuantity ? `, filled ${order.filledQuantity} at ${fmt(order.averagePrice)}` : ''));
  }
}

$('#console-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const text = $('#console-input').value.trim();
  if (!text) return;
  $('#console-input').value = '';
  const log = $('#console-log');
  log.append(el('div', { class: 'you' }, '> ' + text));
  const answer = await request({ action: 'say', text });
  log.append(el('div', { class: 'bot' }, answer.type === 'error' ? problemText(answer.problem) : answer.text));
  log.scrollTop = log.scrollHeight;
});

// ---- latency panel -----------------------------------------------------------------------------------------------
async function loadLatency() {
  try {
    const hops = await (await fetch('/api/latency')).json();
    $('#latency tbody').replaceChildren(...hops.map((hop) => el('tr', {}, el('td', {}, hop.label),
      el('td', { class: 'num' }, hop.p50Millis === null ? '—' : hop.p50Millis.toFixed(1) + ' ms'),
      el('td', { class: 'num' }, hop.p99Millis === null ? hop.status : hop.p99Millis.toFixed(1) + ' ms'))));
  } catch (error) { /* shown again at the next reading */ }
}

// ---- start ---------------------------------------------------------------------------------------------------------
setInterval(() => { $('#clock').textContent = new Date().toLocaleTimeString('en-GB'); }, 1000);
state.watchSocket = socket('/ws/market', onMarket, (ws) => {
  if (state.symbols.size) ws.send(JSON.stringify({ action: 'subscribe', symbols: [...state.symbols.keys()], streams: ['ticks', 'movers'] }));
}, '#market-status');
state.symbolSocket = socket('/ws/market', onSymbol, (ws) => {
  if (state.selected) ws.send(JSON.stringify({ action: 'subscribe', symbols: [state.selected], streams: ['bars', 'book', 'signals'] }));
}, null);
loadSymbols();
loadLatency();
setInterval(loadLatency, 5000);
if (state.token) {
  signIn(state.token).catch(() => $('#login').showModal());
} else {
  $('#login').showModal();
}
