.PHONY: serve test lint bench
serve:
	bash scripts/serve.sh
test:
	bash scripts/test.sh
lint:
	.venv/bin/python -m ruff check .
bench:
	.venv/bin/python bench/education_pages.py
