{#- True on every row whose record key (`partition_by`, SQL) is shared with a row that differs
    in any raw column: two different records claim one id, so no row can be trusted to be the
    right one and the staging models quarantine them all. Rows identical in every column are
    plain duplicates, not conflicts. -#}
{% macro has_conflicting_versions(partition_by) -%}
    min(raw_record) over (partition by {{ partition_by }})
    != max(raw_record) over (partition by {{ partition_by }})
{%- endmacro %}
