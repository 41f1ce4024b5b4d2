{#- Seeds on Spark. dbt-spark's session method pastes seed values into its insert statements
    unescaped (a quote as in O'Brien breaks the load), and dbt reads the text 'null' in a
    seed as NULL, where DuckDB keeps it (the blocked identifier 'null' must stay text). So the
    CSV file is read by Spark's own CSV reader, every column as text (an empty field is NULL,
    as in DuckDB), and cast to the seed's column types. -#}
{% macro spark__load_csv_rows(model, agate_table) %}
    {%- set column_override = model['config'].get('column_types', {}) -%}
    {%- set csv_view = this.identifier ~ '__csv' -%}
    {%- set path = model.root_path ~ '/' ~ model.original_file_path -%}
    {%- call statement('read_seed_csv') -%}
        create or replace temporary view {{ csv_view }}
        using csv
        options (path {{ sql_string(path) }}, header 'true', inferSchema 'false',
            quote '"', escape '"', multiLine 'true', encoding 'UTF-8')
    {%- endcall -%}
    {%- set sql -%}
        insert into {{ this.render() }}
        select
            {% for col_name in agate_table.column_names -%}
                cast(`{{ col_name }}` as {{ column_override.get(col_name, adapter.convert_type(agate_table, loop.index0)) }})
                {%- if not loop.last %},{% endif %}
            {% endfor -%}
        from {{ csv_view }}
    {%- endset -%}
    {%- do adapter.add_query(sql, abridge_sql_log=True) -%}
    {{ return(sql) }}
{% endmacro %}
