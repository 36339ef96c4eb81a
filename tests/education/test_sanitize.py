"""No script, event handler, javascript: link or foreign iframe reaches a patient's page."""

from __future__ import annotations

import re

import pytest

from education.rendering import render_markdown, sanitize_markdown

ATTACKS = [
    "<script>alert(1)</script>",
    "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
    '<img src=x onerror="alert(1)">',
    '<a href="#" onclick="alert(1)">click</a>',
    '<p onmouseover="alert(1)">hover</p>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(document.cookie))",
    "[click]( javascript:alert(1) )",
    "[click](java&#115;cript:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "[click][1]\n\n[1]: javascript:alert(1)",
    "[click][evil]\n\n  [evil]: <javascript:alert(1)> 'title'",
    '<a href="javascript:alert(1)">click</a>',
    "<javascript:alert(1)>",
    '<iframe src="https://evil.example/"></iframe>',
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    '<object data="https://evil.example/x.swf"></object>',
    '<embed src="https://evil.example/x.swf">',
    '<svg onload="alert(1)"><circle r="1"/></svg>',
    '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
    '<form action="https://evil.example/"><input name="x"></form>',
    '<style>body{background:url("javascript:alert(1)")}</style>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    "<<script>script>alert(1)<</script>/script>",
    '<a href="&#x6A;avascript:alert(1)">click</a>',
]

DANGER = re.compile(
    r"<\s*(script|iframe|object|embed|svg|math|form|style|input)\b|\bon[a-z]+\s*=|"
    r"javascript:|vbscript:|data:text|\bstyle\s*=",
    re.IGNORECASE,
)


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_renders_no_executable_markup_from_any_attack(attack):
    html = str(render_markdown(f"Intro.\n\n{attack}\n\nOutro."))

    assert not DANGER.search(html), html
    assert "Intro." in html and "Outro." in html


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_stores_no_executable_markup_after_cleaning_on_save(attack):
    cleaned = sanitize_markdown(f"Intro.\n\n{attack}\n\nOutro.")

    assert not DANGER.search(cleaned), cleaned
    assert not DANGER.search(str(render_markdown(cleaned)))


@pytest.mark.parametrize("attack", ATTACKS)
def test_it_keeps_cleaning_stable_when_saved_again(attack):
    once = sanitize_markdown(attack)

    assert sanitize_markdown(once) == once


def test_it_keeps_the_markdown_reviewers_write():
    text = (
        "## Side effects\n\n"
        "> Call your team if **breathing** gets worse.\n\n"
        "- Swelling & pain in one leg\n"
        "- Chest pain < 1 hour\n\n"
        'See [the guideline](https://www.nccn.org/ "NCCN") and [mail us](mailto:a@example.org).'
    )

    cleaned = sanitize_markdown(text)
    html = str(render_markdown(cleaned))

    # A bare "<" stays escaped in storage, so that no tag can be re-formed.
    assert cleaned == text.replace("< 1 hour", "&lt; 1 hour")
    assert "<h2>Side effects</h2>" in html
    assert "<blockquote>" in html
    assert "<strong>breathing</strong>" in html
    assert "Swelling &amp; pain" in html
    assert "Chest pain &lt; 1 hour" in html
    assert '<a href="https://www.nccn.org/" title="NCCN" rel="noopener noreferrer">' in html
    assert 'href="mailto:a@example.org"' in html


def test_it_keeps_a_link_whose_address_has_brackets():
    text = "[trial](https://en.wikipedia.org/wiki/Crizotinib_(drug))"

    assert sanitize_markdown(text) == text


def test_it_leaves_no_stray_bracket_after_removing_a_javascript_link():
    assert sanitize_markdown("[click](javascript:alert(1)) then more") == "[click](#) then more"
