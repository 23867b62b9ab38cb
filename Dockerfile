# Banter: one image for the HTTP workers (`serve`), the scheduled-work workers (`worker`) and one-off commands.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
RUN useradd --create-home --uid 10001 banter

# Dependencies first, so a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir bot handlers storage sandbox bench cli \
    && touch app.py settings.py \
    && pip install . \
    && pip uninstall -y banter \
    && rm -rf bot handlers storage sandbox bench cli app.py settings.py

COPY app.py settings.py manifest.json ./
COPY bot ./bot
COPY handlers ./handlers
COPY storage ./storage
COPY cli ./cli
COPY sandbox ./sandbox

RUN mkdir -p /app/data && chown banter /app/data
USER banter

EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s \
    CMD python -c "import os, urllib.request; urllib.request.urlopen(f'http://127.0.0.1:{os.environ.get(\"PORT\", \"3000\")}/healthz', timeout=4)"

# Override the command for the other roles: ["python", "app.py", "worker"], ["python", "app.py", "digest"].
CMD ["python", "app.py", "serve", "--http", "--workers", "2"]
