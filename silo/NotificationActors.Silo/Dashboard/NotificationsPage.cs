namespace NotificationActors.Silo.Dashboard;

/// <summary>
/// The notifications page: one self-contained document (inline CSS, JS and SVG; no CDN) showing the whole cluster,
/// each silo's counts and their sum, with a link to the Orleans Dashboard. Its one chart is drawn here by hand since
/// the deployable silo ships no drawing library: sends per channel over clock time.
/// </summary>
internal static class NotificationsPage
{
    public const string Html = """
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>NotificationActors · notifications</title>
<style>
  body { font: 14px system-ui, sans-serif; margin: 20px; color: #1d2330; background: #f6f7fb; }
  h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 15px; margin: 0 0 8px; }
  .meta { color: #667; margin-bottom: 16px; } .live { color: #1a7f37; font-weight: 600; }
  .grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 16px; }
  .card { background: white; border-radius: 8px; padding: 14px; box-shadow: 0 1px 3px #0002; }
  .kpis { display: flex; gap: 24px; } .kpi b { display: block; font-size: 24px; }
  table { border-collapse: collapse; } td, th { padding: 3px 6px; text-align: right; font-variant-numeric: tabular-nums; }
  .heat td { width: 30px; height: 20px; font-size: 11px; border: 1px solid #eee; }
  .bar { height: 14px; background: #4c6ef5; display: inline-block; vertical-align: middle; }
  .legend span { margin-right: 12px; } .axis { font-size: 10px; fill: #667; }
  #silos { font-size: 13px; } #silos td, #silos th { padding: 3px 4px; }
  a { color: #3b5bdb; }
</style>
</head>
<body>
<h1>Notifications</h1>
<div class="meta"><span id="status">connecting…</span> · updated <span id="updated">never</span> · the whole cluster: <span id="silo-count">0</span> silo(s), each since it started · <a id="orleans-dashboard-link" href="/dashboard/">Orleans Dashboard</a></div>
<div class="grid">
  <div class="card"><h2>Sends per channel</h2>
    <div class="kpis">
      <div class="kpi">push<b id="sends-push">0</b></div><div class="kpi">email<b id="sends-email">0</b></div>
      <div class="kpi">in-app<b id="sends-inapp">0</b></div><div class="kpi">total<b id="sends-total">0</b></div>
    </div></div>
  <div class="card"><h2>Opt-outs</h2>
    <div class="kpis">
      <div class="kpi">push<b id="optouts-push">0</b></div><div class="kpi">email<b id="optouts-email">0</b></div>
      <div class="kpi">in-app<b id="optouts-inapp">0</b></div>
    </div></div>
  <div class="card"><h2>Silos</h2><table id="silos"><tr><th style="text-align:left">silo</th><th>decisions</th><th>push</th><th>email</th><th>in-app</th><th>sends</th><th>opt-outs</th></tr></table></div>
  <div class="card"><h2>Sends over time (all silos)</h2><svg id="series" width="380" height="170" role="img" aria-label="sends over time"></svg>
    <div class="legend"><span style="color:#4c6ef5">■ push</span><span style="color:#f08c00">■ email</span><span style="color:#2b8a3e">■ in-app</span></div></div>
  <div class="card"><h2>Plans (rows: pushes, columns: emails per week)</h2><table class="heat" id="heatmap"></table>
    <div class="meta">baseline arm (no weekly plan): <span id="plans-none">0</span></div></div>
  <div class="card"><h2>Decision reasons</h2><table id="reasons"></table></div>
  <div class="card"><h2>Arms side by side</h2><table id="arms"><tr><th>pacing arm</th><th>plans</th><th>decisions</th><th>sends</th><th>send rate</th></tr></table>
    <table id="rankings"><tr><th>ranking arm</th><th>decisions</th><th>sends</th><th>send rate</th></tr></table>
    <div class="meta">ranking arm "none": the baseline, which ranks by its own score</div></div>
</div>
<script>
const colors = { push: '#4c6ef5', email: '#f08c00', inapp: '#2b8a3e' };
const set = (id, v) => { document.getElementById(id).textContent = v; };
const el = (tag, html) => { const e = document.createElement(tag); e.innerHTML = html; return e; };
const sum = o => Object.values(o || {}).reduce((a, b) => a + b, 0);
function renderSilos(silos) {
  set('silo-count', silos.length);
  const table = document.getElementById('silos'); while (table.rows.length > 1) table.deleteRow(1);
  for (const { endpoint, counts: c } of silos) {
    const decisions = sum(Object.fromEntries(Object.entries(c.arms).map(([a, m]) => [a, m.decisions || 0])));
    table.appendChild(el('tr', `<td style="text-align:left">${endpoint}</td><td>${decisions}</td><td>${c.sendsByChannel.push || 0}</td><td>${c.sendsByChannel.email || 0}</td>` +
      `<td>${c.sendsByChannel.inapp || 0}</td><td>${sum(c.sendsByChannel)}</td><td>${sum(c.optOutsByChannel)}</td>`));
  }
  const totals = el('tr', ''); totals.id = 'silos-total';
  const all = k => silos.reduce((n, s) => n + (k(s.counts) || 0), 0);
  totals.innerHTML = `<th style="text-align:left">total</th><th>${all(c => sum(Object.fromEntries(Object.entries(c.arms).map(([a, m]) => [a, m.decisions || 0]))))}</th>` +
    `<th>${all(c => c.sendsByChannel.push)}</th><th>${all(c => c.sendsByChannel.email)}</th><th>${all(c => c.sendsByChannel.inapp)}</th><th>${all(c => sum(c.sendsByChannel))}</th><th>${all(c => sum(c.optOutsByChannel))}</th>`;
  table.appendChild(totals);
}
// Sends per bucket against clock time: ticks on whole minutes, labelled hh:mm, and the largest bucket on the value axis.
function renderSeries(s) {
  const svg = document.getElementById('series'), left = 34, top = 8, w = 336, h = 120;
  const all = Object.values(s.sendsOverTime).flat(), ymax = Math.max(1, ...all);
  const points = Math.max(1, ...Object.values(s.sendsOverTime).map(p => p.length));
  const start = Date.parse(s.seriesStart), span = points * s.bucketSeconds * 1000;
  const x = t => left + w * (t - start) / span, y = v => top + h - h * v / ymax;
  let html = `<line x1="${left}" y1="${top + h}" x2="${left + w}" y2="${top + h}" stroke="#999"/><line x1="${left}" y1="${top}" x2="${left}" y2="${top + h}" stroke="#999"/>`;
  html += `<text class="axis" x="${left - 4}" y="${top + 8}" text-anchor="end">${ymax}</text><text class="axis" x="${left - 4}" y="${top + h}" text-anchor="end">0</text>`;
  html += `<text class="axis" x="${left + w / 2}" y="${top + h + 30}" text-anchor="middle">time (sends per ${s.bucketSeconds} s)</text>`;
  const minute = 60000, step = 2 * minute;
  for (let t = Math.ceil(start / step) * step; t <= start + span; t += step) {
    const label = new Date(t).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    html += `<line x1="${x(t).toFixed(1)}" y1="${top + h}" x2="${x(t).toFixed(1)}" y2="${top + h + 4}" stroke="#999"/><text class="axis time-tick" x="${x(t).toFixed(1)}" y="${top + h + 15}" text-anchor="middle" data-time="${new Date(t).toISOString()}">${label}</text>`;
  }
  for (const [c, values] of Object.entries(s.sendsOverTime)) {
    const d = values.map((v, i) => `${x(start + (i + 0.5) * s.bucketSeconds * 1000).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
    html += `<polyline fill="none" stroke="${colors[c] || '#888'}" stroke-width="1.5" points="${d}"/>`;
  }
  svg.innerHTML = html;
}
function render(frame) {
  renderSilos(frame.silos);
  const s = frame.total;
  renderSeries(s);
  let total = 0;
  for (const c of ['push', 'email', 'inapp']) { const v = s.sendsByChannel[c] || 0; total += v; set('sends-' + c, v); set('optouts-' + c, s.optOutsByChannel[c] || 0); }
  set('sends-total', total);
  set('updated', new Date(s.at).toLocaleTimeString());
  const heat = document.getElementById('heatmap'); heat.innerHTML = '';
  const max = Math.max(1, ...Object.values(s.plansByAction));
  heat.appendChild(el('tr', '<th></th>' + [0,1,2,3,4,5,6].map(e => `<th>${e}</th>`).join('')));
  for (let p = 0; p <= 13; p++) {
    const row = el('tr', `<th>${p}</th>`);
    for (let e = 0; e <= 6; e++) {
      const n = s.plansByAction[`${p}x${e}`] || 0, shade = Math.round(255 * (1 - n / max));
      const td = el('td', n ? n : ''); td.style.background = `rgb(${shade},${shade},255)`; td.style.color = shade < 128 ? 'white' : 'black';
      td.title = `${p} push, ${e} email: ${n} plans`; row.appendChild(td);
    }
    heat.appendChild(row);
  }
  set('plans-none', s.plansByAction['none'] || 0);
  const reasons = document.getElementById('reasons'); reasons.innerHTML = '';
  const rmax = Math.max(1, ...Object.values(s.reasons));
  for (const [r, n] of Object.entries(s.reasons).sort((a, b) => b[1] - a[1]))
    reasons.appendChild(el('tr', `<td style="text-align:left">${r}</td><td>${n}</td><td style="text-align:left"><span class="bar" style="width:${Math.round(180 * n / rmax)}px"></span></td>`));
  const arms = document.getElementById('arms'); while (arms.rows.length > 1) arms.deleteRow(1);
  const rate = m => (m.decisions ? (100 * (m.sends || 0) / m.decisions).toFixed(1) + '%' : '–');
  for (const [a, m] of Object.entries(s.arms))
    arms.appendChild(el('tr', `<td style="text-align:left">${a}</td><td>${m.plans || 0}</td><td>${m.decisions || 0}</td><td>${m.sends || 0}</td><td>${rate(m)}</td>`));
  const rankings = document.getElementById('rankings'); while (rankings.rows.length > 1) rankings.deleteRow(1);
  for (const [a, m] of Object.entries(s.rankings))
    rankings.appendChild(el('tr', `<td style="text-align:left">${a}</td><td>${m.decisions || 0}</td><td>${m.sends || 0}</td><td>${rate(m)}</td>`));
}
const source = new EventSource('/dashboard/notifications/events');
source.addEventListener('snapshot', e => { set('status', 'live'); document.getElementById('status').className = 'live'; render(JSON.parse(e.data)); });
source.onerror = () => { set('status', 'reconnecting…'); document.getElementById('status').className = ''; };
</script>
</body>
</html>
""";
}
