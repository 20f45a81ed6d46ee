using Microsoft.Playwright;

namespace DropIn.Tests.Browser;

/// <summary>
/// Whether a screen fits its viewport (WCAG 1.4.10 Reflow): measured in the page, so that what is reported is what a
/// person sees. A wide data table may scroll inside a focusable, labelled region (role="region", aria-label,
/// tabindex="0"): that is the one accepted exception.
/// </summary>
internal static class ScreenFit
{
    /// <summary>Every fault found at the page's current width, outermost element first; empty when it fits.</summary>
    /// <remarks>
    /// A layout still settling after a resize (a breakpoint reported over the circuit, a drawer closing) is looked at
    /// again after a moment: only what is still wrong then counts.
    /// </remarks>
    public static async Task<IReadOnlyList<string>> FaultsAsync(IPage page)
    {
        var faults = await page.EvaluateAsync<string[]>(Script);
        if (faults.Length > 0)
        {
            await page.WaitForTimeoutAsync(400);
            faults = await page.EvaluateAsync<string[]>(Script);
        }

        return faults;
    }

    // What counts as a fault, for every visible element outside an accepted scroll region:
    // 1. the page itself scrolls sideways;
    // 2. a box that clips or scrolls sideways (overflow other than visible) has content wider than itself: hidden
    //    columns, cut-off buttons, a table that scrolls with no way for a keyboard to reach it;
    // 3. an element runs past the right edge of the screen;
    // 4. an element sticks out of its card (paper, card, alert, table, fieldset, expansion panel);
    // 5. a button or link in a table row is not wholly visible, even inside an accepted region: row actions must be
    //    in view without scrolling;
    // 6. a chart's axis labels overlap.
    // Only the outermost offender of a kind is named; its content is at fault only through it.
    private const string Script = """
        () => {
            const doc = document.documentElement;
            const width = doc.clientWidth;
            const faults = [];
            // MudBlazor's click ripples are circles wider than their button, clipped on purpose: not content.
            document.querySelectorAll('.mud-ripple-effect').forEach(ripple => ripple.remove());
            const region = '[role=region][aria-label][tabindex="0"]';
            const card = '.mud-paper, .mud-card, .mud-alert, .mud-table, .mud-expansion-panel, fieldset';
            // Styles and boxes are read once each: the walk up to clipping ancestors would otherwise repeat them thousands of times.
            const styles = new Map(), boxes = new Map();
            const styleOf = el => { let s = styles.get(el); if (!s) { s = getComputedStyle(el); styles.set(el, s); } return s; };
            const boxOf = el => { let b = boxes.get(el); if (!b) { b = el.getBoundingClientRect(); boxes.set(el, b); } return b; };
            const clips = s => s.overflowX !== 'visible';
            const describe = el => {
                let s = el.tagName.toLowerCase();
                const classes = [...el.classList].filter(c => !c.startsWith('mud-ripple')).slice(0, 3);
                if (classes.length) s += '.' + classes.join('.');
                const tagged = el.closest('[data-testid]');
                if (tagged) s = `[data-testid=${tagged.dataset.testid}] ${s}`;
                const text = (el.getAttribute('aria-label') || el.innerText || '').trim().replace(/\s+/g, ' ').slice(0, 50);
                return text ? `${s} "${text}"` : s;
            };
            const shown = el => {
                const r = boxOf(el);
                if (r.width < 2 || r.height < 2) return null;
                const s = styleOf(el);
                return s.visibility === 'hidden' || s.display === 'none' ? null : r;
            };
            if (doc.scrollWidth > width + 1) faults.push(`the page scrolls sideways: ${doc.scrollWidth}px of content in ${width}px`);

            const reported = new Set();
            const underReported = el => { for (let a = el.parentElement; a; a = a.parentElement) if (reported.has(a)) return true; return false; };
            for (const el of document.body.querySelectorAll('*')) {
                if (el.closest('svg') && el.tagName.toLowerCase() !== 'svg') continue;
                if (el.closest('script, style, template, [hidden], .mud-drawer--closed, .mud-popover:not(.mud-popover-open)')) continue;
                const r = shown(el);
                if (!r) continue;
                const inRegion = el.parentElement?.closest(region);
                const style = styleOf(el);
                const fixed = style.position === 'fixed';

                // The part of the element its clipping ancestors let through.
                let right = r.right, left = r.left;
                for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
                    if (clips(styleOf(a))) {
                        const ar = boxOf(a);
                        right = Math.min(right, ar.right); left = Math.max(left, ar.left);
                    }
                }

                const action = el.matches('button, a[href], [role=button], input:not([type=hidden])') && el.closest('tr');
                if (action && (right < r.right - 1 || left > r.left + 1 || r.right > width + 1) && !underReported(el)) {
                    faults.push(`a row's action is cut off: ${describe(el)}`);
                    reported.add(el);
                    continue;
                }

                if (inRegion || el.matches(region) || underReported(el)) continue;
                if (!el.matches('input, textarea, select') && clips(style) && el.scrollWidth > el.clientWidth + 1) {
                    faults.push(`${describe(el)} hides or scrolls ${el.scrollWidth - el.clientWidth}px of its content sideways`);
                    reported.add(el);
                    continue;
                }

                if (!fixed && right > width + 1 && left < width) {
                    faults.push(`${describe(el)} runs ${Math.round(right - width)}px past the right edge of the screen`);
                    reported.add(el);
                    continue;
                }

                const box = el.parentElement?.closest(card);
                if (box && !fixed && !clips(styleOf(box))) {
                    const b = boxOf(box);
                    if (right > b.right + 1 || left < b.left - 1) {
                        faults.push(`${describe(el)} sticks out of its ${describe(box).split(' "')[0]} by ${Math.round(Math.max(right - b.right, b.left - left))}px`);
                        reported.add(el);
                    }
                }
            }

            // Chart axis labels: each must be readable on its own, not drawn over its neighbour.
            for (const axis of document.querySelectorAll('.mud-charts-xaxis')) {
                const labels = [...axis.querySelectorAll('text')].filter(t => t.textContent.trim())
                    .map(t => ({ text: t.textContent.trim(), box: t.getBoundingClientRect() })).sort((a, b) => a.box.left - b.box.left);
                for (let i = 1; i < labels.length; i++) {
                    if (labels[i].box.left < labels[i - 1].box.right - 0.5) {
                        faults.push(`${describe(axis.closest('[data-testid]') || axis)}: chart labels "${labels[i - 1].text}" and "${labels[i].text}" overlap`);
                        break;
                    }
                }
            }

            return faults.slice(0, 12);
        }
        """;
}
