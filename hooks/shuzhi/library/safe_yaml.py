"""Parse a sample file's YAML without trusting it.

A sample is a small tree of mappings, lists and text. Anything else YAML can
do is refused before it costs anything:

- anchors and aliases (``&a`` / ``*a``): a few hundred bytes of nested
  aliases expand to gigabytes (the "billion laughs" bomb);
- nesting deeper than ``MAX_DEPTH``: a list nested 5,000 deep exhausts the
  recursion of any tree walk;
- a key given twice in one mapping: YAML would silently keep the last one.

The events are scanned first (libyaml, flat, no tree), so a hostile file is
rejected in linear time and bounded memory.
"""

from __future__ import annotations

from typing import Any

import yaml

MAX_DEPTH = 12  # a sample needs 5 (sections[i].paragraphs[j] inside the document)
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # same constructor and resolver as SafeLoader


class UnsafeYaml(Exception):
    """The text is not a sample we will read; ``where`` names the line."""

    def __init__(self, where: str, message: str):
        self.where = where
        self.message = message
        super().__init__(f"{where}: {message}")


def load_yaml(text: str) -> tuple[Any, dict[str, int]]:
    """The parsed document and a map from field paths (``sections[1].kind``)
    to 1-based line numbers; raises UnsafeYaml with the line of the problem."""
    try:
        _scan(text)
        loader = _LOADER(text)
        try:
            node = loader.get_single_node()
            lines = _line_index(node)
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)
        where = f"第 {mark.line + 1} 行" if mark else "YAML"
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise UnsafeYaml(where, f"YAML 语法错误：{reason}") from None
    except RecursionError:  # pragma: no cover - _scan bounds the depth first
        raise UnsafeYaml("YAML", f"嵌套超过 {MAX_DEPTH} 层") from None
    return data, lines


def _scan(text: str) -> None:
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        line = f"第 {event.start_mark.line + 1} 行"
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnsafeYaml(line, "范文文件不能用 YAML 锚点和别名（& 和 *），请直接写出内容")
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                raise UnsafeYaml(line, f"嵌套超过 {MAX_DEPTH} 层，范文文件不会这样写")
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _line_index(node: yaml.Node | None) -> dict[str, int]:
    """Field paths to line numbers; refuses a key that occurs twice in a mapping."""
    index: dict[str, int] = {}
    stack: list[tuple[yaml.Node, str]] = [(node, "")] if node is not None else []
    while stack:  # iterative: depth is bounded, but no recursion is needed
        n, path = stack.pop()
        if path:
            index.setdefault(path, n.start_mark.line + 1)
        if isinstance(n, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, value in n.value:
                name = str(key.value)
                line = key.start_mark.line + 1
                if name in seen:
                    raise UnsafeYaml(f"第 {line} 行", f"键“{name}”重复（第 {seen[name]} 行已有），只能写一次")
                seen[name] = line
                child = f"{path}.{name}" if path else name
                index[child] = line
                stack.append((value, child))
        elif isinstance(n, yaml.SequenceNode):
            for i, value in enumerate(n.value):
                stack.append((value, f"{path}[{i}]"))
    return index
