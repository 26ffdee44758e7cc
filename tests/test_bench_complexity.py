"""The complexity benchmark runs (one cheap case of each kind); it is a report, not a
gate — the growth tests beside each module hold the ratios."""

import pytest

from desktop.bench import complexity


@pytest.mark.slow
def test_complexity_benchmark_runs_and_reports_ratios(capsys):
    assert complexity.main(["--only", "SetStudyNote"]) == 0
    out = capsys.readouterr().out
    assert "linear = 4" in out
    assert "SetStudyNote: apply" in out and "SetStudyNote: revert" in out


def test_every_command_has_an_apply_and_a_revert_case():
    import inspect

    from desktop.bench.complexity_commands import command_cases
    from desktop.domain import (
        commands,
        content_commands,
        crosscheck_commands,
        document_commands,
        merge_command,
        web_commands,
    )

    names = {name.split(" (")[0].split(":")[0] for name, *_ in command_cases()}
    for module in (commands, content_commands, crosscheck_commands, document_commands,
                   merge_command, web_commands):
        for cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if (issubclass(cls, commands.Command) and cls.__module__ == module.__name__
                    and not cls_name.startswith("_") and cls is not commands.Command
                    and cls_name != "UpdateFromWeb"):  # UpdateDocumentText's subclass
                assert cls_name in names, cls_name
