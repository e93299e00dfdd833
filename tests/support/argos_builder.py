"""Small, structurally real Argos packages (``.argosmodel``) built offline and deterministically.

Each has what argostranslate expects: ``metadata.json``, a tokenizer trained on CLDR names from
Babel (``sentencepiece.model``, or BPE codes in ``bpe.model``) and a seeded random-weight
CTranslate2 Transformer in ``model/`` over that tokenizer's vocabulary. Translations are
gibberish, but every code path (tokenizing, batching, beam search, target prefix,
detokenizing) is the real one. Reserved dimensions carry the target position and, through a
uniform cross-attention head, the source length into the EOS logit, so a source of n tokens
yields about n + 4 tokens; a ``stops=False`` package never emits EOS (a runaway model).
Packages are tiny by default; ``size="base"`` builds one shaped like a real Argos model
(transformer-base, ~32k vocabulary, int8) for the benchmarks.
Built files are cached under ``<cache_dir>/argos-v<BUILDER_VERSION>/`` and reused.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import tempfile
import zipfile
import zlib
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
import sentencepiece as spm
from babel import Locale
from ctranslate2.specs import transformer_spec

from tests.support import bpe

BUILDER_VERSION = 3

_LOCALES = {"en": ["en"], "zh": ["zh_Hans_CN", "zh_Hant_TW"], "fr": ["fr"], "de": ["de"]}
_NAMES = {"en": "English", "zh": "Chinese", "fr": "French", "de": "German"}
SENTENCES = {
    "en": ["Hello, world.", "The weather in Paris is lovely today.", "Where is the station?"],
    "zh": ["你好，世界。", "今天巴黎的天气很好。", "火车站在哪里？"],
    "fr": ["Bonjour le monde.", "Il fait beau à Paris aujourd'hui.", "Où est la gare ?"],
    "de": ["Hallo Welt.", "Das Wetter in Paris ist heute schön.", "Wo ist der Bahnhof?"],
}

_POSITIONS = 1024
_CLOCK_RATE, _SOURCE_RATE, _LENGTH_GAIN = 0.3, 0.01, 36.0
_EOS_GAIN, _EOS_BIAS = 30.0, -10.0
_ZIP_TIME = (2024, 1, 1, 0, 0, 0)
_BPE_MERGES = 300


@dataclass(frozen=True)
class Dims:
    """The shape of a model: width, feed-forward width, heads, layers per stack, vocabulary.

    ``vocab_size`` 0 keeps the tokenizer's vocabulary; a larger one pads the model's with
    pieces the tokenizer never produces and the model never emits (the cost of a real one).
    """

    d_model: int
    ffn: int
    heads: int
    layers: int
    vocab_size: int = 0
    quantization: str | None = None

    @property
    def head_dim(self) -> int:
        return self.d_model // self.heads

    @property
    def clock(self) -> int:
        """Decoder: the target position; fed by the position table only."""
        return self.d_model - 1

    @property
    def length(self) -> int:
        """Encoder: the source position; decoder: the mean of it (the source length)."""
        return self.d_model - 2

    @property
    def zero(self) -> int:
        """Encoder: always zero, the reference that cancels layer norm's mean."""
        return self.d_model - 3


SIZES = {
    "tiny": Dims(64, 128, 4, 2),
    # transformer-base, as Argos packages: 6+6 layers, d=512, 8 heads, ~32k pieces, int8
    "base": Dims(512, 2048, 8, 6, vocab_size=32_000, quantization="int8"),
}


@dataclass(frozen=True)
class PackageSpec:
    """What to build: pair, version, target prefix, whether decoding stops, tokenizer kind."""

    from_code: str
    to_code: str
    package_version: str = "1.0"
    target_prefix: str = ""
    stops: bool = True
    tokenizer: str = "sentencepiece"  # or "bpe"
    size: str = "tiny"  # a key of SIZES

    @property
    def name(self) -> str:
        version = self.package_version.replace(".", "_")
        suffix = ("" if self.stops else "-runaway") + ("-bpe" if self.tokenizer == "bpe" else "")
        suffix += "" if self.size == "tiny" else f"-{self.size}"
        return f"translate-{self.from_code}_{self.to_code}-{version}{suffix}"

    @property
    def digest(self) -> str:
        fields = asdict(self)
        if self.size == "tiny":  # the digests of packages built before sizes existed
            del fields["size"]
        material = json.dumps([BUILDER_VERSION, fields], sort_keys=True)
        return hashlib.sha256(material.encode()).hexdigest()[:10]


DEFAULT_SPECS = (
    PackageSpec("zh", "en"),
    PackageSpec("en", "zh"),
    PackageSpec("en", "fr", target_prefix="__fr__"),
)
RUNAWAY_SPEC = PackageSpec("en", "de", stops=False)
BPE_SPEC = PackageSpec("fr", "en", tokenizer="bpe")


def corpus(code: str) -> list[str]:
    """Training text for a language: CLDR names of territories, languages and currencies."""
    lines = list(SENTENCES[code])
    for tag in _LOCALES[code]:
        locale = Locale.parse(tag)
        for names in (locale.territories, locale.languages, locale.currencies):
            lines.extend(names.values())
    return lines


def train_sentencepiece(lines: list[str], vocab_size: int, symbols: list[str]) -> bytes:
    """A unigram SentencePiece model with byte fallback covering every character seen."""
    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        model_type="unigram",
        byte_fallback=True,
        character_coverage=1.0,
        user_defined_symbols=symbols,
        num_threads=1,
        shuffle_input_sentence=False,
        minloglevel=2,
    )
    return model.getvalue()


def _position_table(dims: Dims, reserved: int, rate: float) -> np.ndarray:
    """Sinusoidal position encodings, with dimension ``reserved`` a linear clock instead."""
    positions = np.arange(_POSITIONS, dtype=np.float64)[:, None]
    rates = np.exp(np.arange(0, dims.d_model, 2) * -(np.log(10000.0) / dims.d_model))
    table = np.zeros((_POSITIONS, dims.d_model), dtype=np.float32)
    table[:, 0::2] = np.sin(positions * rates)
    table[:, 1::2] = np.cos(positions * rates)
    table[:, [dims.clock, dims.length, dims.zero]] = 0
    table[:, reserved] = np.arange(_POSITIONS) * rate
    return table


class _Weights:
    """Seeded random weights, shaped and filled the way ctranslate2's converters set specs.

    Layers that write into the residual stream leave the ``reserved`` dimensions alone, so
    those carry only what the position tables (and the length head) put there.
    """

    def __init__(self, seed: int, dims: Dims, reserved: list[int]) -> None:
        self.rng = np.random.default_rng(seed)
        self.dims = dims
        self.reserved = reserved

    def normal(self, *shape: int, std: float) -> np.ndarray:
        return (self.rng.standard_normal(shape) * std).astype(np.float32)

    def embeddings(self, size: int) -> np.ndarray:
        d_model = self.dims.d_model
        table = self.normal(size, d_model, std=1 / np.sqrt(d_model))
        table[:, self.reserved] = 0
        return table

    def layer_norm(self, spec: object) -> None:
        spec.gamma = np.ones(self.dims.d_model, dtype=np.float32)
        spec.beta = np.zeros(self.dims.d_model, dtype=np.float32)

    def linear(self, spec: object, rows: int, cols: int, writes_residual: bool = False) -> None:
        spec.weight = self.normal(rows, cols, std=1 / np.sqrt(cols))
        spec.bias = np.zeros(rows, dtype=np.float32)
        if writes_residual:
            spec.weight[self.reserved] = 0

    def attention(self, spec: object, self_attention: bool) -> None:
        d_model = self.dims.d_model
        self.layer_norm(spec.layer_norm)
        if self_attention:
            self.linear(spec.linear[0], 3 * d_model, d_model)
        else:
            self.linear(spec.linear[0], d_model, d_model)
            self.linear(spec.linear[1], 2 * d_model, d_model)
        self.linear(spec.linear[-1], d_model, d_model, writes_residual=True)

    def ffn(self, spec: object) -> None:
        self.layer_norm(spec.layer_norm)
        self.linear(spec.linear_0, self.dims.ffn, self.dims.d_model)
        self.linear(spec.linear_1, self.dims.d_model, self.dims.ffn, writes_residual=True)


def _length_head(attention: object, dims: Dims) -> None:
    """Make head 0 of an encoder attention average the source clock into ``dims.length``.

    Zero queries give uniform attention over the source; the value is the encoder's position
    dimension minus its zero one (which cancels layer norm's mean), so the head outputs a
    quantity that grows with the source length.
    """
    head = slice(0, dims.head_dim)
    attention.linear[0].weight[head] = 0
    values = attention.linear[1].weight[dims.d_model :]
    values[head] = 0
    values[0, dims.length], values[0, dims.zero] = 1, -1
    output = attention.linear[-1].weight
    output[:, 0] = 0
    output[dims.length, 0] = _LENGTH_GAIN * 2 / dims.layers  # the sum over layers is kept


def build_transformer(
    vocab: list[str], seed: int, stops: bool, dims: Dims = SIZES["tiny"]
) -> transformer_spec.TransformerSpec:
    """A pre-norm Transformer of ``dims`` with seeded weights and ``vocab`` on both sides.

    Its EOS logit rises with (target position - 1.2 x source length), so outputs end a little
    after 1.2 times the source length; with ``stops=False`` EOS is never produced.
    """
    vocab = vocab + [f"<unused{i}>" for i in range(dims.vocab_size - len(vocab))]
    size = len(vocab)
    spec = transformer_spec.TransformerSpec.from_config(dims.layers, dims.heads)
    encoder, decoder = spec.encoder, spec.decoder
    weights = _Weights(seed, dims, reserved=[dims.length, dims.zero])
    encoder.embeddings[0].weight = weights.embeddings(size)
    encoder.position_encodings.encodings = _position_table(dims, dims.length, _SOURCE_RATE)
    weights.layer_norm(encoder.layer_norm)
    for layer in encoder.layer:
        weights.attention(layer.self_attention, self_attention=True)
        weights.ffn(layer.ffn)
    weights.reserved = [dims.clock, dims.length]
    decoder.embeddings.weight = weights.embeddings(size)
    decoder.position_encodings.encodings = _position_table(dims, dims.clock, _CLOCK_RATE)
    weights.layer_norm(decoder.layer_norm)
    for layer in decoder.layer:
        weights.attention(layer.self_attention, self_attention=True)
        weights.attention(layer.attention, self_attention=False)
        _length_head(layer.attention, dims)
        weights.ffn(layer.ffn)
    projection = weights.normal(size, dims.d_model, std=0.25)
    projection[:, [dims.clock, dims.length]] = 0
    bias = np.zeros(size, dtype=np.float32)
    never = [
        i
        for i, piece in enumerate(vocab)
        if piece in ("<unk>", "<s>") or piece[:3] == "<0x" or piece.startswith("<unused")
    ]
    bias[never] = -1e4  # no unknown, start or raw-byte tokens in outputs
    eos = vocab.index("</s>")
    if stops:
        projection[eos, dims.clock], projection[eos, dims.length] = _EOS_GAIN, -_EOS_GAIN
        bias[eos] = _EOS_BIAS
    else:
        bias[eos] = -1e4
    decoder.projection.weight, decoder.projection.bias = projection, bias
    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=dims.quantization)
    return spec


def _tokenizer(spec: PackageSpec) -> tuple[str, bytes, list[str]]:
    """The tokenizer file's name and bytes, and the model vocabulary it implies."""
    if spec.tokenizer == "bpe":
        words = bpe.moses_words(corpus(spec.from_code), spec.from_code)
        words += bpe.moses_words(corpus(spec.to_code), spec.to_code)
        codes = bpe.learn_codes(words, merges=_BPE_MERGES)
        vocab = bpe.vocabulary(codes, words) + ([spec.target_prefix] if spec.target_prefix else [])
        return "bpe.model", codes.encode(), vocab
    symbols = [spec.target_prefix] if spec.target_prefix else []
    vocab_size = 2000 if "zh" in (spec.from_code, spec.to_code) else 1000
    sp_model = train_sentencepiece(
        corpus(spec.from_code) + corpus(spec.to_code), vocab_size, symbols
    )
    processor = spm.SentencePieceProcessor(model_proto=sp_model)
    vocab = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    return "sentencepiece.model", sp_model, vocab


def build_package(spec: PackageSpec, out_dir: Path) -> Path:
    """Build ``spec`` as ``out_dir/<name>.argosmodel`` (a zip with one top-level directory)."""
    seed = zlib.crc32(spec.name.encode())
    tokenizer_name, tokenizer_data, vocab = _tokenizer(spec)
    metadata = {
        "package_version": spec.package_version,
        "argos_version": "1.9.0",
        "from_code": spec.from_code,
        "from_name": _NAMES[spec.from_code],
        "to_code": spec.to_code,
        "to_name": _NAMES[spec.to_code],
        "type": "translate",
    }
    if spec.target_prefix:
        metadata["target_prefix"] = spec.target_prefix
    out_dir.mkdir(parents=True, exist_ok=True)
    archive = out_dir / f"{spec.name}.argosmodel"
    with tempfile.TemporaryDirectory() as work:
        model_dir = Path(work) / "model"
        model_dir.mkdir()
        build_transformer(vocab, seed, spec.stops, SIZES[spec.size]).save(str(model_dir))
        files = {
            "metadata.json": json.dumps(metadata, indent=2).encode(),
            tokenizer_name: tokenizer_data,
            "README.md": f"Test package {spec.name}: random weights, not a translator.\n".encode(),
        }
        files.update({f"model/{p.name}": p.read_bytes() for p in sorted(model_dir.iterdir())})
        with zipfile.ZipFile(archive, "w") as zipped:
            for folder in (f"{spec.name}/", f"{spec.name}/model/"):
                zipped.writestr(zipfile.ZipInfo(folder, _ZIP_TIME), b"")
            for name, data in files.items():
                entry = zipfile.ZipInfo(f"{spec.name}/{name}", _ZIP_TIME)
                zipped.writestr(entry, data, compress_type=zipfile.ZIP_DEFLATED)
    return archive


def build_packages(
    cache_dir: Path, specs: tuple[PackageSpec, ...] = DEFAULT_SPECS
) -> dict[tuple[str, str], Path]:
    """The built package of each spec, keyed by (from_code, to_code); cached in ``cache_dir``."""
    root = Path(cache_dir) / f"argos-v{BUILDER_VERSION}"
    for stale in Path(cache_dir).glob("argos-v*"):
        if stale != root:
            shutil.rmtree(stale, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    built = {}
    for spec in specs:
        final = root / f"{spec.name}-{spec.digest}.argosmodel"
        if not final.exists():
            with tempfile.TemporaryDirectory(dir=root) as work:
                os.replace(build_package(spec, Path(work)), final)
        built[(spec.from_code, spec.to_code)] = final
    return built
