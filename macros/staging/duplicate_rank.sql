{#- 1 for the row a staging model keeps among rows that share `record_key`, 2, 3 … for the
    duplicates it removes, NULL for quarantined rows (they are not staged at all). Rows are
    ranked by `order_by`, then by the whole raw row, then by `then_by` (e.g. the load unit,
    which is not part of the raw row), so the choice is total: only rows that are identical in
    every column can tie, and then it does not matter which one is kept. -#}
{% macro duplicate_rank(record_key, order_by, then_by=none) -%}
    case
        when quarantine_reason is null
            then row_number() over (
                partition by quarantine_reason is null, {{ record_key }}
                order by {{ order_by }}, raw_record{% if then_by %}, {{ then_by }}{% endif %}
            )
    end
{%- endmacro %}
