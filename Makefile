.PHONY: serve test lint bench bench-long vendor
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
	.venv/bin/python bench/checkin_pull.py
	.venv/bin/python bench/checkin_time.py
# Longer ones, each on its own (minutes to an hour; see docs/performance.md,
# docs/deployment.md, docs/scaling.md, docs/mutation-testing.md).
bench-long:
	.venv/bin/python bench/load.py
	.venv/bin/python bench/pouchdb_compare.py
	.venv/bin/python bench/faults.py
	.venv/bin/python bench/scaling.py
	nice -n 10 .venv/bin/python bench/mutation.py
# Rebuilds static/vendor/ from npm (needs Node); the built files are committed.
vendor:
	npm ci && npm run vendor
