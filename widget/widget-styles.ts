/** The chat widget's CSS, scoped to its shadow root; themable with `--ff-*` custom properties on the host. */
export const WIDGET_STYLES = `
:host{all:initial}
[hidden]{display:none!important}
*{box-sizing:border-box}
.root{--a:var(--ff-accent,#2f5d50);--afg:var(--ff-accent-fg,#fff);--bg:var(--ff-bg,#fff);--fg:var(--ff-fg,#1d2421);--mu:var(--ff-muted,#5f6b66);--bb:var(--ff-bot-bg,#eef2f0);--r:var(--ff-radius,16px);--off:var(--ff-offset,20px);font:15px/1.45 var(--ff-font,system-ui,-apple-system,"Segoe UI",Roboto,"PingFang SC","Microsoft YaHei",sans-serif);color:var(--fg)}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
button,select{font:inherit;color:inherit;cursor:pointer}
button:disabled,button[aria-disabled=true]{cursor:default;opacity:.45}
:focus-visible{outline:3px solid var(--a);outline-offset:2px}
.launcher{position:fixed;right:var(--off);bottom:var(--off);z-index:var(--ff-z,2147483000);width:58px;height:58px;border:0;border-radius:50%;background:var(--a);color:var(--afg);box-shadow:0 6px 20px rgba(0,0,0,.22);display:grid;place-items:center;transition:transform .15s}
.launcher:hover{transform:scale(1.06)}
.launcher svg{width:26px;height:26px}
.badge{position:absolute;top:-2px;right:-2px;min-width:20px;height:20px;padding:0 5px;border-radius:10px;background:#c8372d;color:#fff;font-size:12px;font-weight:700;line-height:20px;text-align:center}
.panel{position:fixed;right:var(--off);bottom:calc(var(--off) + 72px);z-index:var(--ff-z,2147483000);width:min(380px,calc(100vw - 2*var(--off)));height:min(600px,calc(100vh - 120px));display:flex;flex-direction:column;background:var(--bg);border-radius:var(--r);box-shadow:0 12px 40px rgba(0,0,0,.25);overflow:hidden;animation:pop .18s ease-out}
@keyframes pop{from{opacity:0;transform:translateY(12px)}}
.head{display:flex;align-items:center;gap:6px;padding:14px 10px 14px 18px;background:var(--a);color:var(--afg)}
.titles{flex:1;min-width:0}
.title{margin:0;font-size:16px;font-weight:650}
.sub{font-size:12.5px}
.hb{border:0;background:transparent;color:inherit;width:36px;height:36px;border-radius:50%;font-size:22px;line-height:1;display:grid;place-items:center}
.hb svg{width:20px;height:20px}
.hb:hover,.hb[aria-pressed=true]{background:rgba(255,255,255,.18)}
.hb:focus-visible{outline-color:var(--afg)}
.status{padding:4px 12px;font-size:12px;text-align:center;background:#fff4d6;color:#6b5200}
.queue{padding:8px 14px;font-size:13px;background:#e7eefb;color:#1f3556;border-bottom:1px solid #d3ddf0}
.campaign{position:relative;margin:0 0 12px;padding:10px 34px 10px 12px;border:1px solid var(--a);border-radius:var(--r);background:var(--bg)}
.campaign p{margin:0 0 6px}
.campaign .cc{font-weight:650}
.cx{position:absolute;top:4px;right:4px;width:28px;height:28px;border:0;border-radius:50%;background:transparent;font-size:20px;line-height:1}
.scroll{flex:1;overflow-y:auto;padding:14px 14px 6px;overscroll-behavior:contain}
.hint{margin:4px 0 12px;color:var(--mu);font-size:13px;text-align:center}
.msg{display:flex;flex-direction:column;align-items:flex-start;margin:0 0 10px;max-width:100%}
.bubble{max-width:85%;padding:9px 13px;border-radius:var(--r);background:var(--bb);white-space:pre-wrap;overflow-wrap:anywhere}
.bubble a{color:inherit}
.from-shopper{align-items:flex-end}
.from-shopper .bubble{background:var(--a);color:var(--afg);border-bottom-right-radius:4px}
.from-bot .bubble,.from-agent .bubble{border-bottom-left-radius:4px}
.from-agent .bubble{background:#e7eefb}
.who{font-size:12px;color:var(--mu);margin:0 0 2px 4px}
.from-system,.note{align-items:center;color:var(--mu);font-size:12.5px;text-align:center;margin:6px 0 12px}
.note button{margin-top:8px}
.sending .bubble{opacity:.6}
.failed .bubble{opacity:1;background:#fbe3e1;color:#7a1c14}.failed .retry{margin-left:4px;padding:0 6px;border:1px solid currentColor;border-radius:4px;background:none;color:inherit;font:inherit;cursor:pointer}
.meta{font-size:11.5px;color:var(--mu);margin:3px 4px 0}
.src{font-size:12px;color:var(--mu);margin:4px 4px 0}
.quick{display:flex;flex-wrap:wrap;gap:6px;margin-top:8px}
.msg:not(:last-child) .quick{display:none}
.chip,.note button,.add{border:1.5px solid var(--a);background:transparent;color:var(--a);border-radius:999px;padding:5px 12px;font-size:13.5px}
.chip:hover,.note button:hover,.add:not(:disabled):hover{background:var(--a);color:var(--afg)}
.note .primary{background:var(--a);color:var(--afg)}
.carousel{position:relative;width:100%;margin-top:8px}
.cards{list-style:none;margin:0;padding:2px 2px 6px;display:flex;gap:8px;overflow-x:auto;scroll-snap-type:x mandatory;scroll-padding:2px;scrollbar-width:thin;overscroll-behavior-x:contain}
.scrolls.more-after .cards{-webkit-mask-image:linear-gradient(90deg,#000 80%,transparent);mask-image:linear-gradient(90deg,#000 80%,transparent)}
.scrolls.more-before.more-after .cards{-webkit-mask-image:linear-gradient(90deg,transparent,#000 12%,#000 80%,transparent);mask-image:linear-gradient(90deg,transparent,#000 12%,#000 80%,transparent)}
.scrolls.more-before:not(.more-after) .cards{-webkit-mask-image:linear-gradient(90deg,transparent,#000 12%);mask-image:linear-gradient(90deg,transparent,#000 12%)}
.card{flex:0 0 150px;scroll-snap-align:start;display:flex;flex-direction:column;gap:3px;border:1px solid #dfe5e2;border-radius:12px;overflow:hidden;background:var(--bg);color:var(--fg);padding-bottom:9px}
.pic{display:block;height:96px;background:#f1f3f2}
.pic img{width:100%;height:100%;object-fit:cover;display:block}
.ph{display:grid;place-items:center;height:100%;font-size:34px;font-weight:700;color:var(--a);background:linear-gradient(135deg,var(--bb),#dde6e2)}
.name{font-weight:600;font-size:13.5px;line-height:1.3;padding:5px 9px 0;color:var(--fg);overflow-wrap:anywhere}
a.name{text-decoration:underline;text-decoration-color:#c5cfca;text-underline-offset:2px}
a.name:hover{text-decoration-color:currentColor}
.price{font-size:13.5px;color:var(--a);font-weight:700;padding:0 9px}
.stock{font-size:12px;padding:0 9px}
.stock.in-stock{color:#246b3c}.stock.low-stock{color:#8a4b00}.stock.out-of-stock{color:#a02a20}
.opt{margin:2px 9px 0;padding:3px 4px;border:1px solid #cfd7d3;border-radius:8px;font-size:12.5px;background:var(--bg)}
.add{margin:4px 9px 0;padding:4px 8px;font-size:12.5px;font-weight:600}
.scrolls .nav{display:grid}
.nav{display:none;position:absolute;top:34px;width:32px;height:32px;border-radius:50%;border:1px solid #cfd7d3;background:var(--bg);color:var(--fg);place-items:center;box-shadow:0 2px 8px rgba(0,0,0,.18);padding:0}
.nav svg{width:20px;height:20px}
.prev{left:-6px}.next{right:-6px}
.nav[aria-disabled=true]{opacity:0;pointer-events:none}
.nav[aria-disabled=true]:focus-visible{opacity:.45}
.fb{display:flex;align-items:center;gap:2px;margin:3px 4px 0;font-size:11.5px;color:var(--mu)}
.fb button{border:0;background:transparent;border-radius:6px;padding:1px 6px;font-size:11.5px;color:var(--mu);text-decoration:underline}
.fb button:hover{color:var(--fg);background:var(--bb)}
.typing{display:inline-flex;gap:4px;padding:12px 14px;border-radius:var(--r);background:var(--bb);margin:0 0 10px}
.typing i{width:7px;height:7px;border-radius:50%;background:var(--mu);animation:dot 1.2s infinite}
.typing i:nth-child(2){animation-delay:.15s}.typing i:nth-child(3){animation-delay:.3s}
@keyframes dot{0%,60%,100%{opacity:.3;transform:none}30%{opacity:1;transform:translateY(-3px)}}
.notice{margin:0 12px 6px;padding:7px 10px;border-radius:10px;background:#fbe3e1;color:#7a1c14;font-size:13px}
.notice.ok{background:#e3f1e8;color:#1c4a2c}
.compose{display:flex;flex-direction:column;gap:4px;padding:10px 12px 12px;border-top:1px solid #e4e8e6}
.row{display:flex;align-items:flex-end;gap:6px}
textarea{flex:1;resize:none;max-height:120px;min-height:40px;padding:9px 12px;border:1.5px solid #cfd7d3;border-radius:12px;font:inherit;color:var(--fg);background:var(--bg)}
textarea:focus{outline:none;border-color:var(--a)}
textarea:disabled{background:#f1f3f2;color:var(--mu);cursor:not-allowed}
textarea[aria-invalid=true]{border-color:#a02a20}
textarea.interim{font-style:italic;color:var(--mu)}
.send,.mic{flex:0 0 40px;height:40px;border:0;border-radius:50%;display:grid;place-items:center}
.send{background:var(--a);color:var(--afg)}
.mic{background:transparent;color:var(--a);border:1.5px solid #cfd7d3}
.mic[aria-pressed=true]{background:#c8372d;border-color:#c8372d;color:#fff;animation:pulse 1.4s infinite}
@keyframes pulse{50%{box-shadow:0 0 0 6px rgba(200,55,45,.2)}}
.send svg,.mic svg{width:18px;height:18px}
.count,.vstatus{font-size:12px;color:var(--mu);padding:0 4px}
.count.over{color:#a02a20;font-weight:600}
@media (max-width:520px){.panel{inset:0;width:100%;height:100%;border-radius:0}.open .launcher{display:none}}
@media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important}}
`;
