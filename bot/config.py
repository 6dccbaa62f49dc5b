"""Settings: one typed object built from the environment and `.env`.

Every setting is documented in `.env.example`. The token never appears in a repr or a log.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

DISCORD_API_BASE = "https://discord.com/api/v10"
DISCORD_GATEWAY_URL = "wss://gateway.discord.gg/"

# A bot token is three base64url segments joined by dots (user id, timestamp, HMAC).
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{17,}\.[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]{20,}$")
_LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")

TOKEN_HELP = (
    "Almanac needs a Discord bot token to connect. Create an application at "
    "https://discord.com/developers/applications, open its 'Bot' page, press 'Reset Token' "
    "and copy the token; then put it in a file named .env next to README.md as "
    "DISCORD_TOKEN=your-token (or export DISCORD_TOKEN in the environment). "
    "See README.md, section 'Create the Discord application', for every step."
)


class ConfigError(ValueError):
    """A setting is missing or malformed; the message says which and how to fix it."""


@dataclass(frozen=True, slots=True)
class Settings:
    token: str | None = field(default=None, repr=False)
    database_path: Path = Path("data/almanac.db")
    seeds_dir: Path = Path("seeds")
    log_level: str = "INFO"
    owner_ids: frozenset[int] = frozenset()
    dev_guild_id: int | None = None
    api_base: str = DISCORD_API_BASE
    gateway_url: str = DISCORD_GATEWAY_URL
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None

    def require_token(self) -> str:
        """The token, or ConfigError with TOKEN_HELP when it is missing or malformed."""
        token = (self.token or "").strip()
        if not token:
            raise ConfigError("DISCORD_TOKEN is not set. " + TOKEN_HELP)
        if token.lower().startswith("bot "):
            token = token[4:].strip()
        if not _TOKEN_SHAPE.match(token):
            raise ConfigError(
                "DISCORD_TOKEN does not look like a bot token (three parts separated by "
                "dots). " + TOKEN_HELP
            )
        return token


def _int_list(name: str, raw: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in re.split(r"[,\s]+", raw.strip()) if part)
    except ValueError:
        raise ConfigError(
            f"{name} must be a list of numbers separated by commas, e.g. {name}=123,456; "
            f"got {raw!r}."
        ) from None


def _optional_int(name: str, raw: str | None) -> int | None:
    if raw is None or not raw.strip():
        return None
    try:
        return int(raw.strip())
    except ValueError:
        raise ConfigError(f"{name} must be a number, e.g. {name}=123456789; got {raw!r}.") from None


def _url(name: str, raw: str | None, default: str, schemes: tuple[str, ...]) -> str:
    if raw is None or not raw.strip():
        return default
    value = raw.strip().rstrip("/") if "api" in name.lower() else raw.strip()
    if not value.startswith(schemes):
        raise ConfigError(
            f"{name} must start with {' or '.join(schemes)}; got {raw!r}. "
            f"Leave it unset to use Discord's own ({default})."
        )
    return value


def load_settings(
    environ: Mapping[str, str] | None = None, *, dotenv: Path | None = Path(".env")
) -> Settings:
    """Build Settings from `environ` (default: os.environ, after loading `dotenv` if it exists).

    Raises ConfigError naming the setting when a value is malformed. A missing token is not
    an error here: only `run` needs it (see Settings.require_token).
    """
    if environ is None:
        if dotenv is not None and dotenv.is_file():
            from dotenv import load_dotenv

            load_dotenv(dotenv, override=False)
        environ = os.environ
    env = {k: v for k, v in environ.items() if v is not None}

    level = env.get("LOG_LEVEL", "INFO").strip().upper() or "INFO"
    if level not in _LOG_LEVELS:
        raise ConfigError(f"LOG_LEVEL must be one of {', '.join(_LOG_LEVELS)}; got {level!r}.")

    shard_count = _optional_int("SHARD_COUNT", env.get("SHARD_COUNT"))
    raw_ids = env.get("SHARD_IDS", "").strip()
    shard_ids = _int_list("SHARD_IDS", raw_ids) if raw_ids else None
    if shard_ids is not None and shard_count is None:
        raise ConfigError("SHARD_IDS is set but SHARD_COUNT is not; set both, e.g. 4 and 0,1.")
    if shard_count is not None:
        if shard_count < 1:
            raise ConfigError(f"SHARD_COUNT must be at least 1; got {shard_count}.")
        bad = [i for i in shard_ids or () if not 0 <= i < shard_count]
        if bad:
            raise ConfigError(
                f"SHARD_IDS must be between 0 and SHARD_COUNT-1 ({shard_count - 1}); got {bad}."
            )

    return Settings(
        token=env.get("DISCORD_TOKEN") or None,
        database_path=Path(env.get("DATABASE_PATH", "").strip() or "data/almanac.db"),
        seeds_dir=Path(env.get("SEEDS_DIR", "").strip() or "seeds"),
        log_level=level,
        owner_ids=frozenset(_int_list("OWNER_IDS", env.get("OWNER_IDS", ""))),
        dev_guild_id=_optional_int("DEV_GUILD_ID", env.get("DEV_GUILD_ID")),
        api_base=_url(
            "DISCORD_API_BASE",
            env.get("DISCORD_API_BASE"),
            DISCORD_API_BASE,
            ("http://", "https://"),
        ),
        gateway_url=_url(
            "DISCORD_GATEWAY_URL",
            env.get("DISCORD_GATEWAY_URL"),
            DISCORD_GATEWAY_URL,
            ("ws://", "wss://"),
        ),
        shard_count=shard_count,
        shard_ids=shard_ids,
    )
