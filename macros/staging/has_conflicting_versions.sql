{#- True on every row whose record key (`partition_by`, SQL) is shared with a row that differs
    in any raw column: two different records claim one id, so no row can be trusted to be the
    right one and the staging models quarantine them all. Rows identical in every column are
    plain duplicates, not conflicts.

    The rows are compared by a 64-bit hash of their raw JSON text, not by the text itself: the
    text comparison was the slowest step of staging (16 of 38 s for 9M web events; see
    docs/decisions/0010-build-speed.md). Identical rows always have equal hashes, so a plain duplicate is
    never taken for a conflict; two different rows of one key are missed with a chance of
    2^-64, and then the staging model keeps one of them as if they were duplicates. -#}
{% macro has_conflicting_versions(partition_by) -%}
    min({{ raw_record_hash('raw_record') }}) over (partition by {{ partition_by }})
    != max({{ raw_record_hash('raw_record') }}) over (partition by {{ partition_by }})
{%- endmacro %}

{#- A 64-bit hash of the text `expression` (SQL). -#}
{% macro raw_record_hash(expression) %}
    {{ return(adapter.dispatch('raw_record_hash', 'openprofile')(expression)) }}
{% endmacro %}

{% macro default__raw_record_hash(expression) -%}
    hash({{ expression }})
{%- endmacro %}

{% macro spark__raw_record_hash(expression) -%}
    xxhash64({{ expression }})
{%- endmacro %}
