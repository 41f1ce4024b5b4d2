{#- Post-hook of a model that keeps state across builds (incremental, full_refresh off): deletes
    the rows of erased profiles (customer_column) and, when given, of erased identifiers
    (type_column, value_column), so an erasure request also clears earlier builds' rows. The
    model must name int_erased_identifiers in its SQL (`-- depends_on:`) so it runs after it. -#}
{% macro delete_erased_rows(relation, customer_column, type_column=none, value_column=none) -%}
    delete from {{ relation }}
    where
        ({{ is_erased_customer(customer_column) }}
        {%- if type_column is not none %}
            or {{ is_erased_identifier(type_column, value_column) }}
        {%- endif %})
{%- endmacro %}
