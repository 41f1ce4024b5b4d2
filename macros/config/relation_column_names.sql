{#- The lower-case column names of `relation`, in order (empty when it has no table yet). -#}
{% macro relation_column_names(relation) %}
    {{ return(adapter.get_columns_in_relation(relation) | map(attribute='name') | map('lower')
        | list) }}
{% endmacro %}
