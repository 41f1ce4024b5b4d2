{#- Run before every build (on-run-start): fails with a message that says what to fix when a
    var has a value the models cannot use. Returns a harmless statement for the hook. -#}
{% macro validate_configuration() %}
    {%- set problems = [] -%}
    {%- set re = modules.re -%}
    {%- do input_enabled('demo') -%}
    {%- if not re.fullmatch('[A-Z]{3}', var('reporting_currency') | string) -%}
        {%- do problems.append("reporting_currency must be an upper-case ISO 4217 code such as EUR, got '"
            ~ var('reporting_currency') ~ "'") -%}
    {%- endif -%}
    {%- if not re.fullmatch('[A-Z]{3}', var('online_retail_currency') | string) -%}
        {%- do problems.append("online_retail_currency must be an upper-case ISO 4217 code such as GBP, got '"
            ~ var('online_retail_currency') ~ "'") -%}
    {%- endif -%}
    {%- if var('fx_rate_max_age_days') is not integer or var('fx_rate_max_age_days') is boolean or var('fx_rate_max_age_days') < 1 -%}
        {%- do problems.append("fx_rate_max_age_days must be a whole number of days of at least 1, got '"
            ~ var('fx_rate_max_age_days') ~ "'") -%}
    {%- endif -%}
    {%- if not re.fullmatch('[A-Z]{2}', var('phone_default_country') | string) -%}
        {%- do problems.append("phone_default_country must be an upper-case ISO 3166-1 alpha-2 code such as NL, got '"
            ~ var('phone_default_country') ~ "'") -%}
    {%- endif -%}
    {%- if var('high_value_threshold_amount') is not number or var('high_value_threshold_amount') is boolean -%}
        {%- do problems.append("high_value_threshold_amount must be a number (an amount in the reporting currency), got '"
            ~ var('high_value_threshold_amount') ~ "'") -%}
    {%- endif -%}
    {%- for name in ['identity_max_rounds', 'identity_max_identifiers_per_profile', 'session_timeout_minutes', 'leather_interest_min_views'] -%}
        {%- if var(name) is not integer or var(name) is boolean or var(name) < 1 -%}
            {%- do problems.append(name ~ " must be a whole number of at least 1, got '" ~ var(name) ~ "'") -%}
        {%- endif -%}
    {%- endfor -%}
    {%- if var('max_clock_skew_hours') is not integer or var('max_clock_skew_hours') is boolean or var('max_clock_skew_hours') < 0 or var('max_clock_skew_hours') > 87600 -%}
        {%- do problems.append("max_clock_skew_hours must be a whole number of hours from 0 to 87600 (10 years), got '"
            ~ var('max_clock_skew_hours') ~ "'") -%}
    {%- endif -%}
    {%- if not (var('leather_shoes_category') is string and var('leather_shoes_category') | trim) -%}
        {%- do problems.append("leather_shoes_category must be a product category name") -%}
    {%- endif -%}
    {%- if execute -%}
        {%- for name in ['shop_time_zone', 'snowplow_time_zone', 'online_retail_time_zone', 'reporting_time_zone'] -%}
            {%- set zone = var(name) | string -%}
            {%- if not re.fullmatch('[A-Za-z0-9_+/-]+', zone) -%}
                {%- do problems.append(name ~ " must be an IANA time zone name such as Europe/Amsterdam, got '" ~ zone ~ "'") -%}
            {%- else -%}
                {%- if not time_zone_is_known(zone) -%}
                    {%- do problems.append(name ~ " '" ~ zone ~ "' is not a time zone the " ~ target.type ~ " target knows (IANA names such as Europe/Amsterdam or UTC)") -%}
                {%- endif -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if execute -%}
        {#- (var, path or glob, message when it matches no file) of every raw file to read -#}
        {%- set file_checks = [] -%}
        {%- for input_name, path_var in [
            ('snowplow', 'snowplow_web_events_path'), ('snowplow', 'snowplow_mobile_events_path'),
            ('online_retail', 'online_retail_path')
        ] if input_enabled(input_name) -%}
            {%- set path = var(path_var) | string -%}
            {%- do file_checks.append((path_var, path, path_var ~ " names no file: '" ~ path
                ~ "' (relative paths are read from the project root)")) -%}
        {%- endfor -%}
        {%- if var('shop_raw_path') | string | length > 0 -%}
            {%- for table_name in ['web_events', 'app_events', 'crm_contacts', 'orders', 'order_lines'] -%}
                {%- set path = var('shop_raw_path') ~ '/' ~ table_name ~ '/*.parquet' -%}
                {%- do file_checks.append(('shop_raw_path', path, "shop_raw_path: no Parquet files at '" ~ path
                    ~ "' (each of web_events, app_events, crm_contacts, orders, order_lines needs a folder; relative paths are read from the project root)")) -%}
            {%- endfor -%}
        {%- endif -%}
        {%- for path_var, path, missing_message in file_checks -%}
            {%- if "'" in path -%}
                {%- do problems.append(path_var ~ " must not contain a quote: " ~ path) -%}
            {%- elif not files_exist(path) -%}
                {%- do problems.append(missing_message) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endif -%}
    {%- set export_path = var('export_path') | string -%}
    {%- if not export_path | trim or "'" in export_path -%}
        {%- do problems.append("export_path must be a folder path without quotes, got '" ~ export_path ~ "'") -%}
    {%- endif -%}
    {%- if var('exports_with_raw_pii') is string or var('exports_with_raw_pii') is not iterable -%}
        {%- do problems.append("exports_with_raw_pii must be a list of export model names, e.g. [export_segment_members_csv], got '"
            ~ var('exports_with_raw_pii') ~ "'") -%}
    {%- elif execute -%}
        {%- set export_names = [] -%}
        {%- for node in graph.nodes.values() if node.resource_type == 'model' and 'export' in node.tags -%}
            {%- do export_names.append(node.name) -%}
        {%- endfor -%}
        {%- for name in var('exports_with_raw_pii') if name not in export_names -%}
            {%- do problems.append("exports_with_raw_pii names '" ~ name ~ "', which is no export; exports: "
                ~ export_names | join(', ')) -%}
        {%- endfor -%}
    {%- endif -%}
    {%- if execute -%}
        {%- do problems.extend(unlisted_segment_models()) -%}
        {%- do problems.extend(missing_python_functions()) -%}
    {%- endif -%}
    {%- if problems -%}
        {{ exceptions.raise_compiler_error(
            "OpenProfile configuration error(s) — fix the vars in dbt_project.yml or --vars, or the file named:\n  - "
            ~ problems | join("\n  - ")
        ) }}
    {%- endif -%}
    select 1 as configuration_is_valid
{% endmacro %}
