"""On a phone (390 px) the dashboard's charts are drawn for the width: their labels do not overlap,
stay inside the chart, and are not shrunk below a readable size."""
from tests.browser.conftest import login, open_menu, wait_for_page

# For every visible chart: its rendered text boxes, and the text's drawn size in CSS pixels.
MEASURE = """() => [...document.querySelectorAll('svg.chart')].filter(svg => svg.getBoundingClientRect().width > 0)
  .map(svg => {
    const frame = svg.getBoundingClientRect();
    const scale = frame.width / svg.viewBox.baseVal.width;
    return {frame: [frame.left, frame.right], title: svg.querySelector('title').textContent,
            texts: [...svg.querySelectorAll(':scope > text')].map(t => {
              const r = t.getBoundingClientRect();
              return {text: t.textContent, box: [r.left, r.top, r.right, r.bottom],
                      size: parseFloat(t.getAttribute('font-size')) * scale};
            })};
  })"""


def _overlap(a, b, slack=0.5) -> bool:
    return a[0] + slack < b[2] and b[0] + slack < a[2] and a[1] + slack < b[3] and b[1] + slack < a[3]


def _check_charts(page) -> int:
    charts = page.evaluate(MEASURE)
    assert charts, "no chart visible"
    for chart in charts:
        texts = chart["texts"]
        for i, a in enumerate(texts):
            assert a["size"] >= 10.5, f"{a['text']!r} drawn at {a['size']:.1f}px in {chart['title']}"
            assert chart["frame"][0] - 1 <= a["box"][0] and a["box"][2] <= chart["frame"][1] + 1, \
                f"{a['text']!r} leaves {chart['title']}"
            for b in texts[i + 1:]:
                assert not _overlap(a["box"], b["box"]), f"{a['text']!r} overlaps {b['text']!r} in {chart['title']}"
    return len(charts)


def test_dashboard_chart_labels_do_not_overlap_on_a_phone(phone_page):
    login(phone_page, "kadis@disnaker.example.com")
    open_menu(phone_page, "Dasbor")
    assert phone_page.locator("svg.chart--wide").first.is_hidden()
    for period in ["2025", "2025-Q3", "2025-10"]:
        phone_page.get_by_label("Periode").select_option(period)
        wait_for_page(phone_page)
        assert _check_charts(phone_page) >= 3, period


def test_skills_gap_chart_is_readable_on_a_phone(phone_page):
    login(phone_page, "kadis@disnaker.example.com")
    open_menu(phone_page, "Dasbor")
    phone_page.get_by_role("link", name="Kesenjangan keterampilan").click()
    wait_for_page(phone_page)
    assert _check_charts(phone_page) == 1


def test_the_wide_drawing_shows_at_desktop_width(page):
    login(page, "kadis@disnaker.example.com")
    open_menu(page, "Dasbor")
    assert page.locator("svg.chart--narrow").first.is_hidden()
    assert _check_charts(page) >= 3
