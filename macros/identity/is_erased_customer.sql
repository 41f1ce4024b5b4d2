{#- SQL condition: the profile id in `column` was erased on request (int_erased_identifiers).
    False for NULL. The subquery's column is renamed, so an unqualified outer `customer_id`
    (as in a DELETE) is never captured by it. Call it in a model's SQL (not a hook) so dbt
    orders the model after the erasure list. -#}
{% macro is_erased_customer(column) -%}
    ({{ column }} is not null and {{ column }} in (
        select erased.customer_id as erased_customer_id
        from {{ ref('int_erased_identifiers') }} as erased
        where erased.customer_id is not null
    ))
{%- endmacro %}
