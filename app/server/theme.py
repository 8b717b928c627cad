"""The pages' look: one theme and a little CSS, shared by the widget, the console and the dashboard.

Fonts are the system's (no web-font download: Sigap runs offline). Nothing has a fixed width, so the
widget works on a phone-sized screen and inside an iframe.
"""

from __future__ import annotations

from typing import Any

SYSTEM_FONTS = ("ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Noto Sans", "sans-serif")
MONO_FONTS = ("ui-monospace", "SFMono-Regular", "Consolas", "monospace")

CSS = """
.gradio-container { max-width: 1280px !important; margin: 0 auto !important; }
#chat, #message, #send { max-width: 100%; }
.sigap-sources { margin-top: .5em; font-size: .9em; padding-top: .4em;
                 border-top: 1px solid var(--border-color-primary); }
.sigap-sources details { margin: .25em 0; }
.sigap-sources summary { cursor: pointer; }
.sigap-sources details p { margin: .3em 0 .3em 1.2em; color: var(--body-text-color-subdued); }
#starters button { white-space: normal; text-align: left; }
.sigap-kpis { display: grid; grid-template-columns: repeat(auto-fit, minmax(150px, 1fr)); gap: .75rem; }
.sigap-kpi { border: 1px solid var(--border-color-primary); border-radius: var(--radius-lg); padding: .75rem 1rem;
             background: var(--block-background-fill); }
.sigap-kpi-label { font-size: .85em; color: var(--body-text-color-subdued); }
.sigap-kpi-value { font-size: 1.6em; font-weight: 700; line-height: 1.3; }
.sigap-kpi-note { font-size: .8em; color: var(--body-text-color-subdued); min-height: 1.2em; }
.sigap-facts { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr));
               gap: .4rem .9rem; margin: .4rem 0; }
.sigap-fact { border-left: 3px solid var(--color-accent-soft); padding: .1rem .5rem; }
.sigap-fact-wide { grid-column: 1 / -1; }
.sigap-fact dt { font-size: .8em; color: var(--body-text-color-subdued); margin: 0; }
.sigap-fact dd { margin: 0; overflow-wrap: anywhere; }
.sigap-warning { background: var(--color-accent-soft); border-radius: var(--radius-md);
                 padding: .4rem .6rem; font-weight: 600; }
@media (max-width: 640px) {
  .gradio-container { padding: 6px !important; }
  .sigap-kpi-value { font-size: 1.3em; }
}
"""

# The customer widget is a chat: narrower than the console and the dashboard.
WIDGET_CSS = (
    CSS
    + """
.gradio-container { max-width: 860px !important; }
"""
)


def theme() -> Any:
    """A calm green theme with system fonts."""
    import gradio as gr

    return gr.themes.Soft(primary_hue="emerald", secondary_hue="teal", font=SYSTEM_FONTS, font_mono=MONO_FONTS)
