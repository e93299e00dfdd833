# Mixlate service image: CPU-only torch, the package, and `mixlate serve` as the entry point.
# argostranslate writes settings and caches under XDG dirs at import: they live in /data.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    MIXLATE_DATA_DIR=/data \
    MIXLATE_MODELS_DIR=/models \
    MIXLATE_LOCALES_DIR=/app/locales \
    XDG_DATA_HOME=/data/.local/share \
    XDG_CONFIG_HOME=/data/.config \
    XDG_CACHE_HOME=/data/.cache

ARG TORCH_PIP_ARGS=""
WORKDIR /app
RUN pip install --no-cache-dir "torch==2.13.0" ${TORCH_PIP_ARGS}
COPY pyproject.toml README.md ./
COPY service ./service
COPY locales ./locales
RUN pip install --no-cache-dir . && useradd --system --home /app mixlate \
    && mkdir -p /data /models && chown mixlate /data /models
USER mixlate
VOLUME ["/data", "/models"]
EXPOSE 5000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD python -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:5000/api/v1/health', timeout=4); sys.exit(0)"
CMD ["sh", "-c", "mixlate models bootstrap && exec mixlate serve --host 0.0.0.0 --port 5000"]
