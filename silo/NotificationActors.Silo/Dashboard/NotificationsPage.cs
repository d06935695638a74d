namespace NotificationActors.Silo.Dashboard;

/// <summary>The notifications page: one self-contained document (inline CSS, JS and SVG; no CDN).</summary>
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
  .legend span { margin-right: 12px; }
</style>
</head>
<body>
<h1>Notifications</h1>
<div class="meta"><span id="status">connecting…</span> · updated <span id="updated">never</span> · this silo since it started</div>
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
  <div class="card"><h2>Sends over time</h2><svg id="series" width="360" height="140" role="img" aria-label="sends over time"></svg>
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
function render(s) {
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
  const svg = document.getElementById('series'), w = 360, h = 120;
  const all = Object.values(s.sendsOverTime).flat(), ymax = Math.max(1, ...all);
  svg.innerHTML = `<line x1="0" y1="${h}" x2="${w}" y2="${h}" stroke="#ccc"/><text x="2" y="10" font-size="10" fill="#667">${ymax} / ${s.bucketSeconds}s</text>`;
  for (const [c, points] of Object.entries(s.sendsOverTime)) {
    const step = w / Math.max(1, points.length - 1);
    const d = points.map((v, i) => `${(i * step).toFixed(1)},${(h - h * v / ymax).toFixed(1)}`).join(' ');
    svg.innerHTML += `<polyline fill="none" stroke="${colors[c] || '#888'}" stroke-width="1.5" points="${d}"/>`;
  }
}
const source = new EventSource('/dashboard/notifications/events');
source.addEventListener('snapshot', e => { set('status', 'live'); document.getElementById('status').className = 'live'; render(JSON.parse(e.data)); });
source.onerror = () => { set('status', 'reconnecting…'); document.getElementById('status').className = ''; };
</script>
</body>
</html>
""";
}
