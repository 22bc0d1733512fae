# The assistant's image: one image for the Rasa servers and the action server
# (docker-compose.yml starts it with `python -m bot run --only rasa` or `--only actions`).
FROM python:3.10-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 RASA_TELEMETRY_ENABLED=false
WORKDIR /app

COPY requirements.lock ./
RUN pip install --no-cache-dir pip==24.0 \
    && pip install --no-cache-dir -r requirements.lock

COPY . .
# The model is trained into the image: every instance answers the same way.
RUN python -m bot train \
    && useradd --system --home-dir /app assistant \
    && mkdir -p var && chown -R assistant var models

USER assistant
EXPOSE 5005 5055
CMD ["python", "-m", "bot", "run", "--only", "rasa", "--endpoints", "endpoints.production.yml"]
