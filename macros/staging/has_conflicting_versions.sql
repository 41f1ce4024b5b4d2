{#- True on every row whose record key (`partition_by`, SQL) is shared with a row that differs
    in any raw column: two different records claim one id, so no row can be trusted to be the
    right one and the staging models quarantine them all. Rows identical in every column are
    plain duplicates, not conflicts.

    The rows are compared by the MD5 of their raw JSON text (dbt.hash), not by the text itself:
    the text comparison was the slowest step of staging (14 s of window for 9M web events, 5 s
    with MD5; docs/decisions/0010-build-speed.md). Identical rows always have equal digests, so
    a plain duplicate is never taken for a conflict; two different rows of one key are missed
    only if their MD5s collide, which takes rows crafted for it. DuckDB's own 64-bit `hash` is
    not used: it collides for texts that differ in two bytes eight apart (about 1 in 20,000
    random two-character edits of a row). -#}
{% macro has_conflicting_versions(partition_by) -%}
    min({{ dbt.hash('raw_record') }}) over (partition by {{ partition_by }})
    != max({{ dbt.hash('raw_record') }}) over (partition by {{ partition_by }})
{%- endmacro %}
