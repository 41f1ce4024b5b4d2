{#- PII hygiene: no URL in the activity and session marts carries an email address, plain
    (pat@example.org) or URL-encoded once or more (pat%40example.org, pat%2540example.org).
    Staging redacts them (macro redact_email_addresses); this pattern is deliberately simpler
    and wider than the macro's (any letter, digit or . _ + - before the @), so it also catches
    addresses the macro would miss. Returns the row id and the column, never the URL itself,
    so a failure does not copy the address into logs or stored test results. It warns rather
    than fails: one odd visitor URL must not stop every build (and with it new erasure requests
    reaching the marts); the warning names the rows to look at. -#}
{{ config(severity='warn') }}
{%- set email_pattern = "'(?i)[a-z0-9._+-](@|%(25)*40)[a-z0-9-]+([.][a-z0-9-]+)*[.][a-z]{2}'" -%}

with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

fct_sessions as (
    select * from {{ ref('fct_sessions') }}
),

url_values as (
    select
        'fct_activities' as model_name,
        activity_id as row_id,
        'page_url' as column_name,
        page_url as url_value
    from fct_activities
    union all
    select
        'fct_activities' as model_name,
        activity_id as row_id,
        'referrer_url' as column_name,
        referrer_url as url_value
    from fct_activities
    union all
    select
        'fct_sessions' as model_name,
        session_id as row_id,
        'landing_page_url' as column_name,
        landing_page_url as url_value
    from fct_sessions
    union all
    select
        'fct_sessions' as model_name,
        session_id as row_id,
        'referrer_url' as column_name,
        referrer_url as url_value
    from fct_sessions
)

select
    model_name,
    row_id,
    column_name
from url_values
where {{ regex_matches('url_value', email_pattern) }}
