# credreg service image: `docker build -t credreg .`
# Run:  docker run -e CREDREG_DATABASE_URL=postgres://... -e CREDREG_ADMIN_PASSWORD=... credreg credreg init
#       docker run -p 8000:8000 -e CREDREG_DATABASE_URL=postgres://... credreg
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    CREDREG_DATABASE_URL=sqlite:///data/credreg.sqlite3
# Signing keys (audit checkpoints) in the volume too, whatever the database.
ENV CREDREG_KEY_DIR=/data/credreg-keys

WORKDIR /app
COPY pyproject.toml README.md ./
COPY api ./api
COPY schema ./schema
COPY domain ./domain
COPY models ./models
COPY migrations ./migrations
RUN pip install --no-cache-dir . \
    && useradd --system --uid 10001 --home /app credreg \
    && mkdir -p /data && chown credreg /data

USER credreg
VOLUME ["/data"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request,sys; sys.exit(0 if urllib.request.urlopen('http://127.0.0.1:8000/healthz').status == 200 else 1)"
CMD ["credreg", "serve", "--host", "0.0.0.0", "--port", "8000"]
