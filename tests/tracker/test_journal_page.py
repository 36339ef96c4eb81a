from __future__ import annotations


def test_it_links_the_journal_to_sharing_and_the_access_list(client, db):
    page = client.get("/journal/").content.decode()
    assert 'href="/journal/sharing/"' in page
