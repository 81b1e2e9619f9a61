"""End to end in a real headless browser (Debian's chromium through Selenium): a reviewer opens a
paper, sees the evidence highlighted on the page, accepts a field, edits another, undoes a third,
reloads, and finds the decisions kept and exported."""

from __future__ import annotations

import csv
import io
from typing import Any, Iterator

import pytest

from extract.review.app import create_app
from review_fixtures import browser_missing, headless_chromium, make_review_run, serving

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(bool(browser_missing()), reason=browser_missing() or "browser available"),
]

CERAMIDE_TITLE = "Ceramide cream versus glycerol cream"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    out_dir, pdf_dir = make_review_run(tmp_path_factory.mktemp("browser"))
    with serving(create_app(out_dir, pdf_dir=pdf_dir)) as url:
        yield url


@pytest.fixture()
def browser() -> Iterator[Any]:
    driver = headless_chromium()
    driver.implicitly_wait(5)
    try:
        yield driver
    finally:
        driver.quit()


def sign_in(driver: Any, base_url: str, name: str) -> None:
    driver.get(f"{base_url}/reviewer")
    driver.find_element("id", "reviewer-name").send_keys(name + "\n")
    driver.find_element("css selector", "table.papers")


def field_card(driver: Any, key: str) -> Any:
    return driver.find_element("css selector", f'section.field[data-key="{key}"]')


def press(driver: Any, key: str) -> None:
    driver.find_element("tag name", "body").send_keys(key)


def selected_key(driver: Any) -> str:
    return driver.find_element("css selector", "section.field.selected").get_attribute("data-key")


def decide_by_key(driver: Any, key: str) -> None:
    """Press a decision shortcut and wait for the reloaded page to select the next field."""
    before = selected_key(driver)
    press(driver, key)
    wait_for(driver, lambda d: selected_key(d) != before)


def wait_for(driver: Any, condition: Any) -> Any:
    from selenium.common.exceptions import StaleElementReferenceException
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, 10, ignored_exceptions=(StaleElementReferenceException,)).until(condition)


def fetch_text(driver: Any, path: str) -> str:
    """GET `path` from the page's own session (its cookies) and return the body."""
    return driver.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "fetch(arguments[0]).then(r => r.text()).then(done);", path)


def test_review_a_paper_end_to_end(browser: Any, base_url: str) -> None:
    sign_in(browser, base_url, "Ada")
    browser.find_element("partial link text", CERAMIDE_TITLE).click()
    wait_for(browser, lambda d: d.execute_script(
        "const i = document.getElementById('page-image'); return i.complete && i.naturalWidth > 0"))

    # the selected field (study design) has its evidence highlighted over the page image
    assert "selected" in field_card(browser, "design").get_attribute("class")
    boxes = browser.find_elements("css selector", '.hl.active[data-key="design"]')
    assert boxes and all(box.is_displayed() for box in boxes)
    image = browser.find_element("id", "page-image").rect
    for box in boxes:
        r = box.rect
        assert image["x"] <= r["x"] and r["x"] + r["width"] <= image["x"] + image["width"] + 1
        assert image["y"] <= r["y"] and r["y"] + r["height"] <= image["y"] + image["height"] + 1
        assert r["width"] > 20 and r["height"] > 5

    decide_by_key(browser, "a")  # accept the study design; the next field is selected
    assert selected_key(browser) == "design_attributes"

    card = field_card(browser, "sample_size")
    card.click()  # select it: its boxes become the active ones
    wait_for(browser, lambda d: d.find_elements("css selector", '.hl.active[data-key="sample_size"]'))
    press(browser, "e")
    value = field_card(browser, "sample_size").find_element("css selector", "input.edit-value")
    value.send_keys("88")  # `e` selected the suggestion, so typing replaces it
    field_card(browser, "sample_size").find_element("css selector", "input.note").send_keys("ITT population")
    value.send_keys("\n")
    wait_for(browser, lambda d: "You edited" in field_card(d, "sample_size").text)

    field_card(browser, "arms").click()
    press(browser, "r")
    wait_for(browser, lambda d: "You rejected" in field_card(d, "arms").text)
    press(browser, "u")  # undo the rejection
    wait_for(browser, lambda d: "pending" in field_card(d, "arms").find_element("css selector", ".badge").text)

    browser.refresh()
    assert "You accepted" in field_card(browser, "design").text
    edited = field_card(browser, "sample_size").text
    assert "You edited: 88" in edited and "suggested: 90" in edited and "ITT population" in edited
    assert "You rejected" not in field_card(browser, "arms").text

    rows = list(csv.DictReader(io.StringIO(fetch_text(browser, "/export/studies.csv").lstrip("\ufeff"))))
    row = next(r for r in rows if r["title"].startswith(CERAMIDE_TITLE))
    assert (row["design"], row["design_status"]) == ("randomized controlled trial", "accepted")
    assert (row["sample_size"], row["sample_size_status"]) == ("88", "edited")
    assert (row["arms"], row["arms_status"]) == ("2", "pending")
    audit = list(csv.DictReader(io.StringIO(fetch_text(browser, "/export/decisions.csv").lstrip("\ufeff"))))
    assert [(a["reviewer"], a["action"], a["field"]) for a in audit] == [
        ("Ada", "accept", "design"), ("Ada", "edit", "sample_size"), ("Ada", "reject", "arms"), ("Ada", "undo", "arms")]


def test_page_navigation_moves_the_highlights(browser: Any, base_url: str) -> None:
    sign_in(browser, base_url, "Ada")
    browser.find_element("partial link text", "Topical niacinamide").click()
    assert browser.find_element("id", "page-number").text == "1"
    press(browser, "\ue014")  # arrow right
    wait_for(browser, lambda d: d.find_element("id", "page-number").text == "2")
    assert browser.find_element("id", "page-image").get_attribute("src").endswith("/page/2.png")
    on_page_two = {b.get_attribute("data-key") for b in browser.find_elements("css selector", ".hl")}
    assert on_page_two and all(k.startswith("claims:") for k in on_page_two)
    browser.find_element("css selector", f'.hl[data-key="{sorted(on_page_two)[0]}"]').click()
    assert "selected" in field_card(browser, sorted(on_page_two)[0]).get_attribute("class")


def test_two_browser_sessions_on_the_same_paper(base_url: str) -> None:
    first, second = headless_chromium(), headless_chromium()
    try:
        for driver, name in ((first, "Reviewer One"), (second, "Reviewer Two")):
            sign_in(driver, base_url, name)
            driver.find_element("partial link text", "Glycerol emollient").click()
        for driver, action in ((first, "a"), (second, "r"), (first, "a"), (second, "a")):
            decide_by_key(driver, action)  # interleaved: design, then design attributes
        first.get(f"{base_url}/agreement?a=Reviewer+One&b=Reviewer+Two")
        table = first.find_element("css selector", "table.agreement").text
        assert "design 1 0 0.0%" in table and "design_attributes 1 1 100.0%" in table
        assert "Glycerol emollient" in first.find_element("id", "conflicts").find_element("xpath", "..").text
    finally:
        first.quit()
        second.quit()
