{#- Profiles with at least one session that came from organic search (a search-engine
    referrer without a paid campaign; fct_sessions.marketing_channel). Qualified at the start
    of their first such session. -#}
with fct_sessions as (
    select * from {{ ref('fct_sessions') }}
),

final as (
    select
        customer_id,
        min(started_at) as qualified_at
    from fct_sessions
    where marketing_channel = 'organic_search'
    group by customer_id
)

select * from final
