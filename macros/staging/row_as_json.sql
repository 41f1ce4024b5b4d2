{#- The whole row of `relation_alias` as JSON text: kept with quarantined rows so nothing
    about a rejected record is lost, and used as the last tie-breaker between duplicates. -#}
{% macro row_as_json(relation_alias) %}
    {{ return(adapter.dispatch('row_as_json', 'openprofile')(relation_alias)) }}
{% endmacro %}

{% macro default__row_as_json(relation_alias) -%}
    cast(to_json({{ relation_alias }}) as {{ dbt.type_string() }})
{%- endmacro %}

{#- Spark leaves NULL fields out unless told, DuckDB writes them as null; timestamps as DuckDB
    writes them ('2011-04-01 17:25:00'; raw files with sub-second timestamps would differ). -#}
{% macro spark__row_as_json(relation_alias) -%}
    to_json(struct({{ relation_alias }}.*), map(
        'ignoreNullFields', 'false',
        'timestampFormat', 'yyyy-MM-dd HH:mm:ss',
        'timestampNTZFormat', 'yyyy-MM-dd HH:mm:ss'
    ))
{%- endmacro %}
