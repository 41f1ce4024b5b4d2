{#- The distinct non-null values of the text column `column` in a group, sorted, joined with
    `delimiter` (an SQL string literal): an aggregate, the same text on every engine. -#}
{% macro distinct_list(column, delimiter="','") %}
    {{ return(adapter.dispatch('distinct_list', 'openprofile')(column, delimiter)) }}
{% endmacro %}

{% macro default__distinct_list(column, delimiter) -%}
    {{ dbt.listagg('distinct ' ~ column, delimiter, 'order by ' ~ column) }}
{%- endmacro %}

{% macro spark__distinct_list(column, delimiter) -%}
    array_join(array_sort(collect_set({{ column }})), {{ delimiter }})
{%- endmacro %}
