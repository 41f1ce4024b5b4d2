{#- Profiles with at least one activity in a mobile app. Qualified at their first app activity. -#}
with fct_activities as (
    select * from {{ ref('fct_activities') }}
),

final as (
    select
        customer_id,
        min(occurred_at) as qualified_at
    from fct_activities
    where channel = 'mobile_app'
    group by customer_id
)

select * from final
