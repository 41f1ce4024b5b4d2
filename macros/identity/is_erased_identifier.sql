{#- SQL condition: the identifier (`type_column`, `value_column`) is one an erasure request
    removes (int_erased_identifiers): the requested value or any identifier of its profile.
    The erasure columns are renamed inside, so unqualified outer column names (as in a DELETE)
    cannot be captured by the subquery. -#}
{% macro is_erased_identifier(type_column, value_column) -%}
    exists (
        select 1
        from (
            select
                identifier_type as erased_identifier_type,
                identifier_value as erased_identifier_value
            from {{ ref('int_erased_identifiers') }}
        ) as erased
        where
            erased.erased_identifier_type = {{ type_column }}
            and erased.erased_identifier_value = {{ value_column }}
    )
{%- endmacro %}
