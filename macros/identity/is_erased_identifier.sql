{#- SQL condition: the identifier (`type_column`, `value_column`) is one an erasure request
    removes (int_erased_identifiers): the requested value or any identifier of its profile. -#}
{% macro is_erased_identifier(type_column, value_column) -%}
    exists (
        select 1 from {{ ref('int_erased_identifiers') }} as erased
        where
            erased.identifier_type = {{ type_column }}
            and erased.identifier_value = {{ value_column }}
    )
{%- endmacro %}
