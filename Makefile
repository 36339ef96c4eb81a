.PHONY: serve test lint bench vendor
serve:
	bash scripts/serve.sh
test:
	bash scripts/test.sh
lint:
	.venv/bin/python -m ruff check .
# Each benchmark prints what it measured; bench/sync.py needs PostgreSQL.
bench:
	.venv/bin/python bench/education_pages.py
	.venv/bin/python bench/sync.py
	.venv/bin/python bench/frontend_weight.py
	.venv/bin/python bench/journal_render.py
	.venv/bin/python bench/lighthouse.py
# Rebuilds static/vendor/ from npm (needs Node); the built files are committed.
vendor:
	npm ci && npm run vendor
