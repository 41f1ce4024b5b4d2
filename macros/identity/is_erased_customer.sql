{#- SQL condition: the profile id in `column` was erased on request (int_erased_identifiers).
    False for NULL. Call it in a model's SQL (not a hook) so dbt orders the model after the erasure list. -#}
{% macro is_erased_customer(column) -%}
    ({{ column }} is not null and {{ column }} in (
        select erased.customer_id from {{ ref('int_erased_identifiers') }} as erased
        where erased.customer_id is not null
    ))
{%- endmacro %}
